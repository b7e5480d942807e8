// Realistic ways a plain FHIR server gets the RESTful booking interactions wrong. Each is consulted through
// the typed switches (context.ts) at the one place the mistake lives; every one applies to both versions.
import type { FaultDef } from '../types.ts';

const PACK = 'fhir-rest-booking';

export const FHIR_REST_FAULTS = [
  // Versioning and contention
  { name: 'frb-stale-if-match-accepted', pack: PACK, description: 'an update whose If-Match names an old version is applied (a lost update) instead of refused with 409 or 412' },
  { name: 'frb-unquoted-if-match-ignored', pack: PACK, description: 'an If-Match that is not of the form W/"{vid}" (unquoted 1, or strong "1") is ignored, so a stale one still overwrites' },
  { name: 'frb-version-not-incremented', pack: PACK, description: 'an update succeeds but meta.versionId (and the ETag) stay the same' },
  { name: 'frb-etag-not-version', pack: PACK, description: 'the ETag is a hash of the content, not W/"{meta.versionId}"' },
  { name: 'frb-vread-unsupported', pack: PACK, description: 'the CapabilityStatement declares vread but GET [type]/[id]/_history/[vid] answers 404' },
  // The created resource and its URL
  { name: 'frb-location-without-history', pack: PACK, description: 'Location on create is [base]/Appointment/{id}, without /_history/{vid}, although the server keeps versions' },
  { name: 'frb-location-wrong-id', pack: PACK, description: 'Location on create names the Slot that was booked, not the new Appointment' },
  { name: 'frb-create-200', pack: PACK, description: 'a create answers 200 OK instead of 201 Created' },
  { name: 'frb-no-version-id', pack: PACK, description: 'created and read Appointments carry no meta.versionId although the server declares versioning' },
  // Errors
  { name: 'frb-invalid-json-500', pack: PACK, description: 'a request body that is not JSON makes the server fail with 500 instead of answering 400' },
  { name: 'frb-wrong-type-accepted', pack: PACK, description: 'POST /Appointment with a Patient body is stored (201) instead of refused' },
  { name: 'frb-no-outcome-on-404', pack: PACK, description: 'a read of an unknown id answers 404 with an empty body, no OperationOutcome' },
  { name: 'frb-unknown-id-200', pack: PACK, description: 'a read of an unknown id answers 200 with an empty Bundle instead of 404' },
  // Conditional create
  { name: 'frb-conditional-create-duplicates', pack: PACK, description: 'If-None-Exist is ignored: a second conditional create with the same criteria makes a duplicate' },
  // Search
  { name: 'frb-busy-slots-offered', pack: PACK, description: 'Slot?status=free also returns busy slots (the status parameter is ignored)' },
  { name: 'frb-patient-search-ignored', pack: PACK, description: 'Appointment?patient=X ignores the parameter and returns every appointment' },
  { name: 'frb-searchset-no-fullurl', pack: PACK, description: 'searchset entries carry the resource without its fullUrl' },
  { name: 'frb-searchset-type-collection', pack: PACK, description: 'search answers a Bundle of type collection instead of searchset' },
  // The CapabilityStatement
  { name: 'frb-capability-declares-unsupported-update', pack: PACK, description: 'the CapabilityStatement declares update on Appointment, but PUT answers 405' },
  { name: 'frb-capability-wrong-fhir-version', pack: PACK, description: "the CapabilityStatement's fhirVersion is the other release's (4.0.1 at the STU3 endpoint, 3.0.2 at the R4 one)" },
] as const satisfies readonly FaultDef[];

export type FhirRestFault = (typeof FHIR_REST_FAULTS)[number]['name'];
