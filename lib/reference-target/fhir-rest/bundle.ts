// Searchset Bundles: each match with its absolute fullUrl and search mode, the total, in the server's order.
import type { JsonObject } from '../../common/json.ts';
import { bundleEntryOf } from '../shared/fhir.ts';
import type { FhirRestCall } from './context.ts';

export function searchset(call: FhirRestCall, matches: JsonObject[]): JsonObject {
  const ordered = call.env.liberty('frb-bundle-order') ? [...matches].reverse() : matches;
  return {
    resourceType: 'Bundle',
    type: call.env.fault('frb-searchset-type-collection') ? 'collection' : 'searchset',
    ...(call.env.liberty('frb-bundle-order') ? {} : { total: matches.length }),
    link: [{ relation: 'self', url: `${call.req.baseUrl}${call.req.path}${call.req.query.size ? `?${call.req.query.toString()}` : ''}` }],
    entry: ordered.map((r) => (call.env.fault('frb-searchset-no-fullurl') ? { resource: r, search: { mode: 'match' } } : bundleEntryOf(call.req.baseUrl, r, 'match'))),
  };
}
