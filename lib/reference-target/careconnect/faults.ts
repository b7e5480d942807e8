// Realistic ways a CareConnect booking provider gets seed 002 or FHIR STU3 wrong. Each is switched on by
// name and consulted at exactly one place in the module (grep the name to find it).
import type { FaultDef } from '../types.ts';
import { CC_PACK_ID } from './fixtures.ts';

const P = CC_PACK_ID;

export const CC_FAULTS = [
  // The created answer
  { name: 'cc-create-answers-200', pack: P, description: 'a successful booking answers 200 OK instead of 201 Created' },
  { name: 'cc-book-echoes-request', pack: P, description: 'the 201 answer is the posted Appointment echoed back, with no id of its own' },
  { name: 'cc-response-status-pending', pack: P, description: 'the booked Appointment is stored and returned with status pending instead of booked' },
  { name: 'cc-no-meta-profile', pack: P, description: 'the returned Appointment declares no CareConnect-Appointment-1 in meta.profile' },
  { name: 'cc-slot-reference-dropped', pack: P, description: 'the returned Appointment keeps the slot times but not the slot references' },
  { name: 'cc-patient-participant-dropped', pack: P, description: 'the returned Appointment lists only the service participant, not the patient' },
  { name: 'cc-no-location', pack: P, description: 'the 201 answer carries no Location header' },
  // Slots no longer free
  { name: 'cc-taken-slot-409', pack: P, description: 'a slot that is no longer free is answered 409 DUPLICATE_REJECTED (the GP Connect status) instead of 422' },
  { name: 'cc-no-duplicate-code', pack: P, description: 'a slot that is no longer free is answered 422 INVALID_RESOURCE, without DUPLICATE_REJECTED' },
  { name: 'cc-double-booking', pack: P, description: 'slot status is not checked: a busy or already booked slot is booked again' },
  { name: 'cc-booked-slot-still-free', pack: P, description: 'booking does not mark its slots busy: they still read free and can be booked again' },
  { name: 'cc-partial-booking', pack: P, description: 'a booking naming a free and a taken slot is refused, but the free slot is left busy' },
  // Business rules and corrupt fields
  { name: 'cc-unknown-slot-500', pack: P, description: 'a slot that does not exist crashes the provider: 500 with a text body, no OperationOutcome' },
  { name: 'cc-description-required', pack: P, description: 'a booking without a description is refused 422, as GP Connect requires one, though seed 002 does not' },
  { name: 'cc-missing-patient-accepted', pack: P, description: 'the participants are not read: a booking without a patient participant, or with a malformed patient reference, is accepted' },
  { name: 'cc-status-not-checked', pack: P, description: 'the request status is not read: missing, proposed or unknown statuses are booked anyway' },
  { name: 'cc-slotless-booking-accepted', pack: P, description: 'a booking without any slot reference is accepted as a free-standing appointment' },
  { name: 'cc-reference-type-not-checked', pack: P, description: 'a slot reference is read by its id alone, whatever type it names, so Schedule/810001 books Slot 810001' },
  { name: 'cc-bad-json-500', pack: P, description: 'a body that is not JSON is answered 500 with a stack trace in text, no OperationOutcome' },
  { name: 'cc-resource-type-not-checked', pack: P, description: 'a body of another resource type with the Appointment elements is booked' },
  { name: 'cc-find-patient-ignores-identifier', pack: P, description: 'the patient search ignores the NHS number and returns every patient' },
  // Security
  { name: 'cc-jwt-not-checked', pack: P, description: 'a booking without the Authorization JWT is accepted' },
] as const satisfies readonly FaultDef[];

export type CcFault = (typeof CC_FAULTS)[number]['name'];
