// Realistic ways an API Hub provider gets "Book an appointment" (seed 001) wrong. Each is consulted through
// the typed switches (context.ts) at one place; some are realised by switching on the GP Connect mistake
// they are (core.ts), since an API Hub practice runs the GP Connect provider.
import type { FaultDef } from '../types.ts';

const PACK = 'apihub-appointments';

export const APIHUB_FAULTS = [
  // Statuses where API Hub differs from GP Connect 1.2 (the GP Connect habit kept)
  { name: 'apihub-taken-slot-409', pack: PACK, description: 'a booking of a slot that is no longer free answers 409 (GP Connect 1.2) instead of 422' },
  { name: 'apihub-profile-failure-400', pack: PACK, description: 'a booking body that fails the Appointment profile answers 400 instead of 422' },
  { name: 'apihub-bad-jwt-401', pack: PACK, description: 'a missing or invalid JWT answers 401 Unauthorized instead of 403 Forbidden' },
  { name: 'apihub-invalid-json-500', pack: PACK, description: 'a request body that is not JSON makes the provider fail with 500 instead of answering 400' },
  { name: 'apihub-no-outcome-on-4xx', pack: PACK, description: '4xx answers carry no OperationOutcome (an empty body)' },
  // The created resource and its URL
  { name: 'apihub-location-relative', pack: PACK, description: 'Location on create is relative (Appointment/{id}/_history/{vid}), not absolute' },
  { name: 'apihub-location-without-history', pack: PACK, description: 'Location on create is [base]/Appointment/{id}, without /_history/{vid}' },
  { name: 'apihub-no-version-id', pack: PACK, description: 'the created (and read) Appointment has no meta.versionId' },
  { name: 'apihub-location-not-readable', pack: PACK, description: 'GET of the Location URL (/_history/{vid}) answers 404: the provider does not serve versions' },
  { name: 'apihub-put-to-location-unsupported', pack: PACK, description: 'PUT to the Location URL answers 405: updates are taken only at [base]/Appointment/{id}' },
  { name: 'apihub-stale-if-match-accepted', pack: PACK, description: 'an update whose If-Match names an old version is applied instead of refused' },
  { name: 'apihub-version-not-incremented', pack: PACK, description: 'an update succeeds but meta.versionId (and the ETag) stay the same' },
  // Business rules
  { name: 'apihub-unknown-slot-500', pack: PACK, description: 'a booking that names a slot the practice does not have fails with 500 (a null slot dereferenced) instead of 422' },
  { name: 'apihub-slot-times-not-matched', pack: PACK, description: "a booking whose start or end is not the slot's is accepted" },
  { name: 'apihub-slot-not-freed-on-cancel', pack: PACK, description: 'a cancellation leaves the slot busy, so it is never offered or bookable again' },
  { name: 'apihub-read-unknown-as-400', pack: PACK, description: 'reading an Appointment id the practice does not have answers 400 instead of 404' },
  { name: 'apihub-double-booking', pack: PACK, description: 'a slot that is already booked can be booked again' },
  { name: 'apihub-booked-slot-still-offered', pack: PACK, description: 'booked (busy) slots are still offered by the free slot search' },
  { name: 'apihub-find-token-unsplit', pack: PACK, description: "the patient search compares the whole token 'system|value' with its NHS numbers, so it never finds anyone" },
  { name: 'apihub-temporary-registration-not-found', pack: PACK, description: 'a patient registered through the API (temporary registration) is not found by the patient search afterwards' },
  { name: 'apihub-unknown-patient-404', pack: PACK, description: 'finding an NHS number with no record at the practice answers 404 instead of an empty searchset' },
  { name: 'apihub-register-duplicate-accepted', pack: PACK, description: 'registering a patient who is already registered answers as if newly registered' },
  { name: 'apihub-metadata-wrong-fhir-version', pack: PACK, description: 'the CapabilityStatement declares fhirVersion 4.0.1 although the API is STU3' },
  // Request ids
  { name: 'apihub-no-request-id', pack: PACK, description: 'responses carry no X-Request-Id' },
  { name: 'apihub-request-id-only-on-success', pack: PACK, description: 'error responses carry no X-Request-Id (only the success path adds it)' },
  { name: 'apihub-correlation-id-missing', pack: PACK, description: "the server assigns its own X-Request-Id and does not return the client's id in X-Correlation-Id" },
] as const satisfies readonly FaultDef[];

export type ApiHubFault = (typeof APIHUB_FAULTS)[number]['name'];
