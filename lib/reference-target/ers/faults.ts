// Realistic ways an e-RS provider gets the specification wrong. Each is switched on by name and
// consulted at exactly one place in the module (grep the name to find it).

import type { FaultDef } from '../types.ts';

const G1 = 'ers-a016';
const G2 = 'ers-a016-apim';
const G0 = 'ers-bookdirect';

export const ERS_FAULTS = [
  // Booking (shared by the G1 and G2 packs; listed under G1)
  { name: 'ers-version-not-incremented', pack: G1, description: 'book/defer succeeds but the referral version stays the same (response incomingReferral and A005)' },
  { name: 'ers-start-end-not-checked', pack: G1, description: 'A016 book accepts start/end that differ from the slot times' },
  { name: 'ers-shortlist-not-checked', pack: G1, description: 'A016 book accepts a directly bookable service that is not on the referral shortlist' },
  { name: 'ers-clinician-not-checked', pack: G1, description: 'A016 book accepts a named clinician the slot is not allocated to' },
  { name: 'ers-booked-referral-rebookable', pack: G1, description: 'A016 book accepts a referral that is already booked' },
  { name: 'ers-stale-version-accepted', pack: G1, description: 'an out-of-date referral version in incomingReferral is accepted' },
  { name: 'ers-no-lock', pack: G1, description: 'no referral lock: concurrent attempts on one referral all proceed instead of REFERRAL_LOCKED' },
  { name: 'ers-pas-timeout-as-500', pack: G1, description: 'a PAS that never answers gives a bare 500 instead of PAS_NOT_RESPONDING' },
  { name: 'ers-pas-error-slot-still-listed', pack: G1, description: 'after PAS_RESPONDED_WITH_ERROR the lost slot is still offered by A015' },
  { name: 'ers-forbidden-not-checked', pack: G1, description: 'users without a referring business function may search slots and book' },
  { name: 'ers-appointment-no-version-id', pack: G1, description: 'the created Appointment has no meta.versionId' },
  { name: 'ers-admin-role-refused', pack: G1, description: 'Referring Clinician Admin is refused FORBIDDEN: only Referring Clinicians may search slots and book' },
  { name: 'ers-book-echoes-request', pack: G1, description: 'A016 book answers 201 with the posted Appointment echoed back (no server id, version, created or service display)' },
  { name: 'ers-service-display-not-added', pack: G1, description: 'the created Appointment has no display on the service participant' },
  { name: 'ers-appointment-times-without-offset', pack: G1, description: 'Appointment start/end are London wall-clock times without a UTC offset (not STU3 instants)' },
  { name: 'ers-booked-slot-still-listed', pack: G1, description: 'a booked slot is not taken off the free list: A015 still offers it and it can be booked again' },
  { name: 'ers-clinician-participant-dropped', pack: G1, description: 'the A016 response drops the named clinician participant the booking carried' },
  { name: 'ers-null-clinician-rejected', pack: G1, description: "a clinician participant whose value is null (the legacy book example) is rejected MISSING_VALUE instead of meaning 'no clinician'" },
  // Deferral
  { name: 'ers-slot-returned-on-defer', pack: G1, description: 'the defer response echoes the submitted slot reference' },
  { name: 'ers-defer-while-slots-exist', pack: G1, description: 'NO_SLOTS_AT_SERVICE deferral accepted although the service has free slots' },
  { name: 'ers-defer-slot-availability-not-checked', pack: G1, description: 'SLOT_NOT_AVAILABLE deferral accepted for a slot that is still free' },
  { name: 'ers-no-location-on-defer', pack: G1, description: 'the 201 defer response has no Location header' },
  { name: 'ers-comment-length-not-checked', pack: G1, description: 'defer comments longer than 1000 characters are accepted' },
  { name: 'ers-comment-limit-off-by-one', pack: G1, description: 'a defer comment of exactly 1000 characters is rejected INVALID_VALUE (the limit is taken as < 1000)' },
  { name: 'ers-defer-state-not-updated', pack: G1, description: 'after a deferral A005 still shows the referral as NOT_BOOKED' },
  // Errors
  { name: 'ers-wrong-outcome-key', pack: G1, description: 'a slot that is no longer available is reported as INVALID_VALUE instead of SLOT_NOT_AVAILABLE' },
  { name: 'ers-outcome-wrong-system', pack: G1, description: 'OperationOutcome codings use https://fhir.nhs.uk/CodeSystem/ers-error-codes instead of eRS-APIErrorCode-1' },
  // A005
  { name: 'ers-etag-not-version', pack: G1, description: 'A005 ETag is a content hash, not W/"{meta.versionId}"' },
  { name: 'ers-referral-no-version-id', pack: G1, description: 'the A005 referral has no meta.versionId (only the ETag carries the version)' },
  { name: 'ers-referral-state-code-is-display', pack: G1, description: "the referral state coding carries the display text as its code ('Not Booked' instead of NOT_BOOKED)" },
  { name: 'ers-booked-referral-no-appointment', pack: G1, description: 'A005 of a booked or deferred referral does not link its appointment (no appointment extension, nothing contained)' },
  // A015
  { name: 'ers-self-link-without-include', pack: G1, description: 'the self link only carries _include=Slot:schedule when the request did' },
  { name: 'ers-count-not-validated', pack: G1, description: '_count outside 1..100 is clamped instead of rejected with INVALID_VALUE' },
  { name: 'ers-empty-search-as-404', pack: G1, description: 'a slot search that matches nothing answers 404 instead of an empty searchset' },
  { name: 'ers-schedule-not-included', pack: G1, description: 'the slot bundle has no Schedule entries' },
  { name: 'ers-page-out-of-range-empty', pack: G1, description: 'a page beyond the last answers an empty bundle instead of INVALID_VALUE' },
  { name: 'ers-next-link-on-last-page', pack: G1, description: 'the last page still carries a next link' },
  { name: 'ers-slot-identifier-wrong-system', pack: G1, description: 'the slot USRN identifier uses the R4 unique-slot-reference-number system' },
  { name: 'ers-comm-rule-org-not-required', pack: G1, description: 'slot search without the commissioning rule org header is answered' },
  { name: 'ers-slot-times-without-offset', pack: G1, description: 'Slot start/end are London wall-clock times without a UTC offset' },
  { name: 'ers-self-link-echoes-unknown-params', pack: G1, description: 'the self link repeats the raw query string, unrecognised parameters included' },
  { name: 'ers-paging-links-same-page', pack: G1, description: 'previous/next links repeat the current page number instead of page -1/+1' },
  // G2 (API platform)
  { name: 'ers-apim-correlation-id-not-echoed', pack: G2, description: 'X-Correlation-ID is not returned' },
  { name: 'ers-apim-no-request-id', pack: G2, description: 'X-Request-ID is not returned' },
  { name: 'ers-apim-conflict-as-422', pack: G2, description: 'a stale referral version is 422 VERSION_CONFLICT (legacy mapping) instead of 409' },
  { name: 'ers-apim-pas-error-as-422', pack: G2, description: 'PAS_RESPONDED_WITH_ERROR is 422 (legacy mapping) instead of 502' },
  { name: 'ers-apim-pas-timeout-as-422', pack: G2, description: 'PAS_NOT_RESPONDING is 422 (legacy mapping) instead of 504' },
  { name: 'ers-apim-locked-as-422', pack: G2, description: 'REFERRAL_LOCKED is 422 (legacy mapping) instead of 423' },
  { name: 'ers-apim-forbidden-as-business-error', pack: G2, description: 'FORBIDDEN gets the business-error status (400 on slot search, 422 on A016) instead of 403' },
  { name: 'ers-apim-slot-search-errors-as-422', pack: G2, description: 'slot search errors are 422 (legacy mapping) instead of 400 Bad Request' },
  { name: 'ers-apim-business-rule-as-409', pack: G2, description: 'A016 state and availability errors (INVALID_REQUEST_STATE, SLOT_NOT_AVAILABLE, SLOTS_CURRENTLY_AVAILABLE) are 409 instead of 422' },
  { name: 'ers-apim-validation-as-400', pack: G2, description: 'A016 body validation errors (MISSING_VALUE, INVALID_VALUE, INVALID_CODE) are 400 instead of 422' },
  { name: 'ers-apim-missing-token-as-403', pack: G2, description: 'a request without an access token is 403 forbidden instead of 401 NO_ACCESS' },
  { name: 'ers-apim-missing-ods-as-403', pack: G2, description: 'a request without NHSD-End-User-Organisation-ODS is 403 NO_ACCESS instead of 400 MISSING_HEADER' },
  { name: 'ers-apim-strong-etag', pack: G2, description: 'ETags are strong ("n") instead of W/"n"' },
  { name: 'ers-apim-history-ignores-version', pack: G2, description: 'A005 /_history/{version} ignores the version and serves the current referral for any version' },
  { name: 'ers-apim-a038-etag-not-version', pack: G2, description: 'the A038 ETag is a content hash, not W/"{meta.versionId}"' },
  { name: 'ers-apim-empty-search-as-404', pack: G2, description: 'a slot search that matches nothing answers 404 instead of an empty searchset' },
  { name: 'ers-apim-response-quotes-request-version', pack: G2, description: "the A016 response's incomingReferral repeats the referral version the client sent instead of the new one" },
  { name: 'ers-apim-clinician-participant-dropped', pack: G2, description: 'the A016 response drops the named clinician participant the booking carried' },
  { name: 'ers-apim-defer-state-not-updated', pack: G2, description: 'after a deferral A005 still shows the referral as NOT_BOOKED' },
  { name: 'ers-apim-triage-rejected', pack: G2, description: 'a TRIAGE deferral is refused INVALID_CODE (only the legacy reasons are accepted)' },
  // G0 $ers.bookdirect
  { name: 'ers-bookdirect-if-match-ignored', pack: G0, description: 'If-Match is neither required nor compared with the referral version' },
  { name: 'ers-bookdirect-body-on-200', pack: G0, description: 'a successful bookdirect answers 200 with the Appointment in the body' },
  { name: 'ers-bookdirect-not-booked', pack: G0, description: 'bookdirect answers 200 but the referral is not booked' },
  { name: 'ers-bookdirect-json-fhir-not-acceptable', pack: G0, description: "Accept: application/json+fhir (the alpha's FHIR JSON type) is answered 406" },
  { name: 'ers-bookdirect-a016-status-table', pack: G0, description: 'bookdirect answers every OutcomeKey 422 (the legacy A016 table) instead of the error page statuses (403, 404, 409, 423, 502, 504)' },
  { name: 'ers-bookdirect-unknown-usrn-as-404', pack: G0, description: 'an unknown USRN in the body is 404 instead of 422 REFERENCE_NOT_FOUND' },
  { name: 'ers-bookdirect-validation-as-400', pack: G0, description: 'Parameters body errors (MISSING_VALUE, INVALID_VALUE, UNEXPECTED_FIELD) are 400 instead of 422' },
] as const satisfies readonly FaultDef[];

export type ErsFault = (typeof ERS_FAULTS)[number]['name'];
