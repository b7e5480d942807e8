// Freedoms seed 001 (and the GP Connect and FHIR rules it leans on) give a conformant API Hub provider.
// With any of them on, every apihub-appointments scenario still passes (a `should` one may warn).
import type { LibertyDef } from '../types.ts';

const PACK = 'apihub-appointments';

export const APIHUB_LIBERTIES = [
  {
    name: 'apihub-no-etag-last-modified',
    pack: PACK,
    description: 'responses carry neither ETag nor Last-Modified',
    grantedBy: 'API Hub Book an appointment (seed 001), success: "Servers SHOULD return an ETag header with the versionId and a Last-Modified header"',
    should: true,
  },
  {
    name: 'apihub-own-request-id',
    pack: PACK,
    description: "the server assigns its own X-Request-Id and returns the client's id in X-Correlation-Id",
    grantedBy: 'seed 001, headers: "The server can either use that id or assign it\'s own"; when they differ the server "SHOULD also return the X-Correlation-Id header with the client\'s original id"',
  },
  {
    name: 'apihub-stale-if-match-412',
    pack: PACK,
    description: 'an update whose If-Match names an old version is answered 412 Precondition Failed (not 409 Conflict)',
    grantedBy: 'FHIR STU3 RESTful API, update / managing resource contention: a version mismatch is answered "409 Conflict" or "412 Precondition Failed"; seed 001 only asks for "RESTful updates"',
  },
  {
    name: 'apihub-opaque-ids',
    pack: PACK,
    description: 'created Appointments get opaque, non-numeric ids (apt-…)',
    grantedBy: 'FHIR STU3 id datatype: any [A-Za-z0-9-.]{1,64}; seed 001: [id] is "the newly created id", nothing more',
  },
  {
    name: 'apihub-opaque-version-ids',
    pack: PACK,
    description: 'meta.versionId (and so the Location, ETag and If-Match) is an opaque token, not a counter',
    grantedBy: 'FHIR STU3 Meta.versionId: an id that changes each time the content changes, no order or form required; seed 001: [vid] is "the newly created … version id"',
  },
  {
    name: 'apihub-bundle-order',
    pack: PACK,
    description: 'search Bundles list the included resources first and the matches in reverse order',
    grantedBy: 'FHIR STU3 search: without _sort the order of results is the server\'s; GP Connect defines no order for the free slot or patient searches (gpconnect.md B.2, B.6)',
  },
  {
    name: 'apihub-searchset-minimal',
    pack: PACK,
    description: 'searchset Bundles carry no id, meta or total',
    grantedBy: 'FHIR STU3 Bundle: id 0..1, meta 0..1, total 0..1; GP Connect searchsets ask only for type searchset and the entries',
  },
] as const satisfies readonly LibertyDef[];

export type ApiHubLiberty = (typeof APIHUB_LIBERTIES)[number]['name'];
