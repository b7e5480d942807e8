// Freedoms the GP Connect specification gives a conformant provider. Each is consulted through the typed
// switch ctx.liberty(name) at the one place it applies; with any of them on, every scenario must
// still pass (a `should` liberty may warn). liberties.test.ts keeps the list and the code in step.
import type { LibertyDef } from '../types.ts';
import { GPC_PACK_ID as P } from './fixtures.ts';

export const GPC_LIBERTIES = [
  // Resource content
  {
    name: 'gpc-no-last-updated',
    description: 'returned resources carry no meta.lastUpdated (Last-Modified is still sent)',
    grantedBy: 'FHIR STU3 Resource.meta: lastUpdated is 0..1; GP Connect FHIR API guidance, resource metadata: servers "SHALL provide" meta.profile and meta.versionId only',
    pack: P,
  },
  {
    name: 'gpc-opaque-ids',
    description: 'appointment logical ids are opaque strings (apt-…), not numbers',
    grantedBy: 'FHIR STU3 datatypes, id: any combination of "A-Z, a-z, 0-9, -, ." up to 64 characters; the server assigns the id on create',
    pack: P,
  },
  {
    name: 'gpc-opaque-version-ids',
    description: 'meta.versionId (and so the ETag) is an opaque string, not a counter',
    grantedBy: 'FHIR STU3 Meta.versionId (type id) "changes each time the content of the resource changes"; GP Connect FHIR API guidance: ETag W/"<versionId>", versionId changes on every change',
    pack: P,
  },
  {
    name: 'gpc-unknown-extensions',
    description: 'booked appointments carry an extension of the provider\'s own that consumers do not know',
    grantedBy: 'FHIR STU3 extensibility: any resource may carry extensions, and "applications SHALL ignore" extensions they do not understand unless they are modifier extensions',
    pack: P,
  },
  {
    name: 'gpc-appointment-identifier',
    description: 'booked appointments carry a provider business identifier',
    grantedBy: 'GPConnect-Appointment-1 Appointment.identifier 0..*; read an appointment, response: the provider "returns identifiers"',
    pack: P,
  },
  {
    name: 'gpc-schedules-without-practitioner',
    description: 'Schedules name only their Location as actor (no practitioner); bookings then carry no practitioner participant',
    grantedBy: 'book an appointment, request: a practitioner participant is only "SHOULD"; search for free slots: Practitioners are returned "only if requested" and named by the Schedule',
    pack: P,
  },
  // Texts
  {
    name: 'gpc-texts-concatenated',
    description: 'the provider has one notes field: description and comment are stored and returned concatenated in description',
    grantedBy: 'book an appointment, provider notes: the provider "MAY concatenate" description and comment if only one text field exists',
    pack: P,
  },
  {
    name: 'gpc-long-texts-stored',
    description: 'descriptions over 100 and comments over 500 characters are accepted and stored whole',
    grantedBy: 'book an appointment, request: the description limit is "enforced by the consumer"; provider notes: store "without truncation", error only if "too long for the provider"',
    pack: P,
  },
  // Booking answers
  {
    name: 'gpc-client-id-ignored',
    description: 'a client-supplied id on create is ignored: the appointment gets its own id and 201',
    grantedBy: 'FHIR STU3 RESTful API, create: the resource does not need an id; "if an id is supplied, the server SHALL ignore it"',
    pack: P,
  },
  {
    name: 'gpc-missing-patient-reference-not-found',
    description: 'a booking for a Patient id that does not exist answers 422 REFERENCE_NOT_FOUND (not INVALID_RESOURCE)',
    grantedBy: 'GP Connect error handling guidance, error table: 422 REFERENCE_NOT_FOUND "Referenced resource not found"; FHIR API guidance: servers SHALL validate that referenced resources exist',
    pack: P,
  },
  {
    name: 'gpc-jwt-claim-resource-400',
    description: 'an invalid requesting_device or requesting_practitioner resource in the JWT is answered 400 BAD_REQUEST (not 422 INVALID_RESOURCE)',
    grantedBy: 'GP Connect error handling guidance: an invalid FHIR resource in a JWT claim is 400 BAD_REQUEST (national assurance expects 422; both are accepted, decisions.md)',
    pack: P,
  },
  {
    name: 'gpc-missing-if-match-412',
    description: 'an amendment or cancellation without If-Match is answered 412 Precondition Failed (not 400)',
    grantedBy: 'FHIR STU3 RESTful API, managing resource contention: servers that require If-Match reject an update without it with "412 Precondition Failed"; GP Connect names no status for a missing If-Match',
    pack: P,
  },
  {
    name: 'gpc-range-shape-as-400',
    description: "a patient's appointments searched with a time, one start parameter or other prefixes is answered 400 BAD_REQUEST (not 422 INVALID_PARAMETER)",
    grantedBy: "retrieve a patient's appointments: a time component or a missing parameter is \"an error\" with no code named (only an invalid range is 422 INVALID_PARAMETER); error table: 400 BAD_REQUEST for a malformed request",
    pack: P,
  },
  {
    name: 'gpc-recancel-accepted',
    description: 'cancelling an appointment that is already cancelled answers 200 with it, unchanged (not 422 INVALID_RESOURCE)',
    grantedBy: 'cancel an appointment: the errors named are a past or Visit appointment, a change other than status and the reason, and an If-Match mismatch, none for one already cancelled (the demonstrator accepts it and frees slots "only if" not already cancelled)',
    pack: P,
  },
  {
    name: 'gpc-capability-format-code',
    description: "the CapabilityStatement declares its format as the FHIR code 'json', not the mime type",
    grantedBy: 'FHIR STU3 CapabilityStatement.format: "xml | json | ttl | mime type" (the code json names FHIR JSON)',
    pack: P,
  },
  // Free slot search
  {
    name: 'gpc-few-free-slots',
    description: 'a slot search offers at most the 5 earliest free slots of each practice in the searched range',
    grantedBy: 'search for free slots, response: slots "bookable under the availability rules" (the practice decides what GP Connect may book); book an appointment: providers "MAY add" business rules',
    pack: P,
  },
  {
    name: 'gpc-bundle-order',
    description: 'search Bundles list the included resources first and the matches in reverse order',
    grantedBy: 'FHIR STU3 search: without _sort the order of results is not defined; GP Connect defines no order for the free slot or patient searches',
    pack: P,
  },
  {
    name: 'gpc-searchset-minimal',
    description: 'searchset Bundles carry no id, meta or total',
    grantedBy: 'FHIR STU3 Bundle: id 0..1, meta 0..1, total 0..1; GPConnect-Searchset-1 asks only for type searchset and the entries',
    pack: P,
  },
  // Wire format
  {
    name: 'gpc-json-key-order',
    description: 'JSON properties are sent in another order (reverse alphabetical after resourceType)',
    grantedBy: 'RFC 8259 §4: a JSON object is an unordered collection; FHIR STU3 JSON representation: properties are matched by name',
    pack: P,
  },
  {
    name: 'gpc-extra-headers',
    description: 'responses carry extra headers (X-Request-ID, Vary, Strict-Transport-Security) and list them in another order',
    grantedBy: 'RFC 9110 §5.3: the order of field lines with different names is not significant; a recipient ignores fields it does not recognise (§5.1)',
    pack: P,
  },
  {
    name: 'gpc-content-type-spelling',
    description: 'Content-Type is written application/fhir+json;charset=UTF-8 (no space, upper-case charset)',
    grantedBy: 'RFC 9110 §8.3.1-8.3.2: whitespace around the parameter is optional and charset names are case-insensitive; GP Connect FHIR API guidance: application/fhir+json, UTF-8',
    pack: P,
  },
  // Errors and capability
  {
    name: 'gpc-error-system-valueset',
    description: 'OperationOutcome codings use https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1, as the 1.2.9 error examples do',
    grantedBy: 'GP Connect 1.2.9 error handling guidance: every error example codes details with system https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1',
    pack: P,
  },
  {
    name: 'gpc-500-exception',
    description: 'a 500 INTERNAL_SERVER_ERROR carries issue.code exception instead of processing',
    grantedBy: 'GP Connect error handling guidance, INTERNAL_SERVER_ERROR example: issue code "exception"',
    pack: P,
  },
  {
    name: 'gpc-no-diagnostics-below-422',
    description: 'errors with status under 422 (400, 403, 404, 409) carry no diagnostics',
    grantedBy: 'GP Connect error handling guidance, OperationOutcome: diagnostics "SHOULD" be given (MUST only for the 422 codes and for 500)',
    should: true,
    pack: P,
  },
  {
    name: 'gpc-capability-profiles-top-level',
    description: 'the CapabilityStatement declares its profiles in CapabilityStatement.profile, not on rest.resource',
    grantedBy: 'GP Connect 1.2.9 CapabilityStatement example: the profiles are listed in CapabilityStatement.profile; FHIR STU3 CapabilityStatement.profile 0..* and rest.resource.profile 0..1',
    pack: P,
  },
] as const satisfies readonly LibertyDef[];

/** The name of a GP Connect liberty: a misspelt one fails the type check. */
export type GpcLiberty = (typeof GPC_LIBERTIES)[number]['name'];
