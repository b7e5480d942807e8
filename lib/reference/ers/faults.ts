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
  // Deferral
  { name: 'ers-slot-returned-on-defer', pack: G1, description: 'the defer response echoes the submitted slot reference' },
  { name: 'ers-defer-while-slots-exist', pack: G1, description: 'NO_SLOTS_AT_SERVICE deferral accepted although the service has free slots' },
  { name: 'ers-defer-slot-availability-not-checked', pack: G1, description: 'SLOT_NOT_AVAILABLE deferral accepted for a slot that is still free' },
  { name: 'ers-no-location-on-defer', pack: G1, description: 'the 201 defer response has no Location header' },
  { name: 'ers-comment-length-not-checked', pack: G1, description: 'defer comments longer than 1000 characters are accepted' },
  { name: 'ers-defer-state-not-updated', pack: G1, description: 'after a deferral A005 still shows the referral as NOT_BOOKED' },
  // Errors
  { name: 'ers-wrong-outcome-key', pack: G1, description: 'a slot that is no longer available is reported as INVALID_VALUE instead of SLOT_NOT_AVAILABLE' },
  { name: 'ers-outcome-wrong-system', pack: G1, description: 'OperationOutcome codings use https://fhir.nhs.uk/CodeSystem/ers-error-codes instead of eRS-APIErrorCode-1' },
  // A005
  { name: 'ers-etag-not-version', pack: G1, description: 'A005 ETag is a content hash, not W/"{meta.versionId}"' },
  // A015
  { name: 'ers-self-link-without-include', pack: G1, description: 'the self link only carries _include=Slot:schedule when the request did' },
  { name: 'ers-count-not-validated', pack: G1, description: '_count outside 1..100 is clamped instead of rejected with INVALID_VALUE' },
  { name: 'ers-empty-search-as-404', pack: G1, description: 'a slot search that matches nothing answers 404 instead of an empty searchset' },
  { name: 'ers-schedule-not-included', pack: G1, description: 'the slot bundle has no Schedule entries' },
  { name: 'ers-page-out-of-range-empty', pack: G1, description: 'a page beyond the last answers an empty bundle instead of INVALID_VALUE' },
  { name: 'ers-next-link-on-last-page', pack: G1, description: 'the last page still carries a next link' },
  { name: 'ers-slot-identifier-wrong-system', pack: G1, description: 'the slot USRN identifier uses the R4 unique-slot-reference-number system' },
  { name: 'ers-comm-rule-org-not-required', pack: G1, description: 'slot search without the commissioning rule org header is answered' },
  // G2 (API platform)
  { name: 'ers-apim-correlation-id-not-echoed', pack: G2, description: 'X-Correlation-ID is not returned' },
  { name: 'ers-apim-no-request-id', pack: G2, description: 'X-Request-ID is not returned' },
  { name: 'ers-apim-conflict-as-422', pack: G2, description: 'a stale referral version is 422 VERSION_CONFLICT (legacy mapping) instead of 409' },
  { name: 'ers-apim-pas-error-as-422', pack: G2, description: 'PAS_RESPONDED_WITH_ERROR is 422 (legacy mapping) instead of 502' },
  // G0 $ers.bookdirect
  { name: 'ers-bookdirect-if-match-ignored', pack: G0, description: 'If-Match is neither required nor compared with the referral version' },
  { name: 'ers-bookdirect-body-on-200', pack: G0, description: 'a successful bookdirect answers 200 with the Appointment in the body' },
  { name: 'ers-bookdirect-not-booked', pack: G0, description: 'bookdirect answers 200 but the referral is not booked' },
] as const satisfies readonly FaultDef[];

export type ErsFault = (typeof ERS_FAULTS)[number]['name'];
