import { randomUUID } from 'node:crypto';
import type { GpcContext } from './context.ts';
import { bundleEntryOf } from '../shared/fhir.ts';
import type { Resource } from './resources.ts';
import { formatLondonDateTime } from '../../common/london-time.ts';

export interface BundleEntry {
  resource: Resource;
  mode: 'match' | 'include';
}

/** A searchset Bundle; `total` counts the matches only, as FHIR search defines it. */
export function searchset(entries: readonly BundleEntry[], baseUrl: string, ctx: GpcContext): Resource {
  // Liberty: id, meta and total are all 0..1 on a Bundle.
  const minimal = ctx.liberty('gpc-searchset-minimal');
  const bundle: Resource = minimal
    ? { resourceType: 'Bundle', type: 'searchset' }
    : {
        resourceType: 'Bundle',
        id: randomUUID(),
        meta: { lastUpdated: formatLondonDateTime(ctx.now()) },
        type: 'searchset',
        total: entries.filter((e) => e.mode === 'match').length,
      };
  // Liberty: without _sort the order of a search's entries is not defined.
  const ordered = ctx.liberty('gpc-bundle-order')
    ? [...entries.filter((e) => e.mode === 'include'), ...entries.filter((e) => e.mode === 'match').reverse()]
    : entries;
  // FHIR JSON never carries an empty array, so an empty result has no `entry` at all.
  if (ordered.length > 0) {
    bundle.entry = ordered.map((e) => bundleEntryOf(baseUrl, e.resource, e.mode));
  }
  return bundle;
}
