// Freedoms the FHIR RESTful API (STU3 and R4 http.html) gives a conformant server. With any of them on,
// every fhir-rest-booking scenario still passes (a `should` one may warn).
import type { LibertyDef } from '../types.ts';

const PACK = 'fhir-rest-booking';

export const FHIR_REST_LIBERTIES = [
  {
    name: 'frb-opaque-ids',
    pack: PACK,
    description: 'created Appointments get opaque ids (a UUID) and version ids that are not counters',
    grantedBy: 'FHIR STU3/R4 id datatype: any [A-Za-z0-9-.]{1,64}, assigned by the server on create; Meta.versionId "changes each time the content of the resource changes", no form required',
  },
  {
    name: 'frb-prefer-minimal',
    pack: PACK,
    description: 'create and update answer with an empty body unless the client asks Prefer: return=representation',
    grantedBy: 'FHIR STU3/R4 RESTful API, create/update and "Managing Return Content": the client states its preference with Prefer: return=minimal or return=representation; without it the body is the server\'s choice',
  },
  {
    name: 'frb-location-relative',
    pack: PACK,
    description: 'the 201 Location header is relative (Appointment/{id}/_history/{vid})',
    grantedBy: 'FHIR STU3/R4 RESTful API, create: "The Location MAY be an absolute or relative URL"',
  },
  {
    name: 'frb-no-last-modified',
    pack: PACK,
    description: 'responses carry no Last-Modified header (skips a SHOULD: may warn)',
    grantedBy: 'FHIR STU3/R4 RESTful API, read and create: "Servers SHOULD return an ETag header ... and a Last-Modified header"',
    should: true,
  },
  {
    name: 'frb-stale-if-match-412',
    pack: PACK,
    description: 'an update whose If-Match names an old version is answered 412 Precondition Failed (not 409 Conflict)',
    grantedBy: 'FHIR STU3/R4 RESTful API, update: a version mismatch is answered "409 Conflict" or "412 Precondition Failed"',
  },
  {
    name: 'frb-no-conditional-create',
    pack: PACK,
    description: 'the server does not support conditional create and does not declare conditionalCreate',
    grantedBy: 'FHIR STU3/R4 RESTful API, conditional create: "This is an optional interaction"; servers declare it in CapabilityStatement.rest.resource.conditionalCreate',
  },
  {
    name: 'frb-versioned-only',
    pack: PACK,
    description: 'the CapabilityStatement declares versioning: versioned (not versioned-update); the server still refuses an If-Match that names an old version',
    grantedBy: 'FHIR STU3/R4 CapabilityStatement.rest.resource.versioning is no-version, versioned or versioned-update, the server\'s choice; RFC 9110 If-Match: a false condition is never applied, whatever the server declares',
  },
  {
    name: 'frb-bundle-order',
    pack: PACK,
    description: 'search Bundles list the matches in reverse order and carry no total',
    grantedBy: 'FHIR STU3/R4 search: without _sort the order of the results is the server\'s; Bundle.total is 0..1',
  },
  {
    name: 'frb-validation-as-422',
    pack: PACK,
    description: 'a body of the wrong resource type is answered 422 Unprocessable Entity instead of 400',
    grantedBy: 'FHIR STU3/R4 RESTful API, create: 400 when the resource "could not be parsed or failed basic FHIR validation rules", 422 when it violates the server\'s rules; the pack accepts either',
  },
] as const satisfies readonly LibertyDef[];

export type FhirRestLiberty = (typeof FHIR_REST_LIBERTIES)[number]['name'];
