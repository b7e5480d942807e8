import { randomUUID } from 'node:crypto';
import type { Resource } from './resources.ts';
import { formatLondon } from './time.ts';

export interface BundleEntry {
  resource: Resource;
  mode: 'match' | 'include';
}

/** A searchset Bundle; `total` counts the matches only, as FHIR search defines it. */
export function searchset(entries: readonly BundleEntry[], baseUrl: string, now: Date): Resource {
  const bundle: Resource = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: formatLondon(now) },
    type: 'searchset',
    total: entries.filter((e) => e.mode === 'match').length,
  };
  // FHIR JSON never carries an empty array, so an empty result has no `entry` at all.
  if (entries.length > 0) {
    bundle.entry = entries.map((e) => ({
      fullUrl: `${baseUrl}/${e.resource.resourceType}/${e.resource.id ?? ''}`,
      resource: e.resource,
      search: { mode: e.mode },
    }));
  }
  return bundle;
}
