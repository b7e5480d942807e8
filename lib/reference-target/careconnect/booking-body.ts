// The booking request body: what seed 002 makes mandatory (a patient participant, status booked, the slot
// references) and what FHIR STU3 needs to read it at all (JSON, an Appointment). Each rule throws a CcError.
import { isObject, nonBlankString, objectsIn, parseJson, type JsonObject } from '../../common/json.ts';
import type { CcCall } from './context.ts';
import { CcError, invalidField } from './outcome.ts';
import { parseReference } from './references.ts';
import { NHS_NUMBER_SYSTEM } from './fixtures.ts';
import type { PatientRec, SlotRec } from './world-model.ts';

/** FHIR STU3 AppointmentStatus (required binding). */
const APPOINTMENT_STATUSES = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error'];

export function readAppointmentBody(call: CcCall): JsonObject {
  const body = parseJson(call.req.rawBody);
  if (body === undefined) {
    if (call.ctx.fault('cc-bad-json-500')) throw new Error('SyntaxError: Unexpected token in JSON at position 0');
    throw new CcError('BAD_REQUEST', 'not-json', 'the request body is not JSON');
  }
  if (!isObject(body)) throw new CcError('BAD_REQUEST', 'wrong-type', 'the request body must be a FHIR resource');
  if (body.resourceType !== 'Appointment' && !call.ctx.fault('cc-resource-type-not-checked')) {
    throw new CcError('BAD_REQUEST', 'wrong-type', `POST /Appointment takes an Appointment, not ${JSON.stringify(body.resourceType ?? null)}`);
  }
  // The provider carried over from GP Connect still demands the description GP Connect makes mandatory.
  if (call.ctx.fault('cc-description-required') && !nonBlankString(body.description)) throw invalidField('missing', 'description is required');
  return body;
}

export function checkStatusBooked(body: JsonObject, call: CcCall): void {
  if (call.ctx.fault('cc-status-not-checked')) return;
  if (body.status === undefined) throw invalidField('missing', 'status is mandatory: it identifies the appointment as booked');
  if (typeof body.status !== 'string' || !APPOINTMENT_STATUSES.includes(body.status)) {
    throw invalidField('bad-code', `status ${JSON.stringify(body.status)} is not an STU3 AppointmentStatus code`);
  }
  if (body.status !== 'booked') throw invalidField('bad-value', `a booking must have status booked, not ${body.status}`);
}

/** A participant's actor is the patient when it references a Patient or identifies one by NHS number. */
function patientActor(participant: JsonObject, call: CcCall): { id?: string; nhsNumber?: string } | undefined {
  const actor = participant.actor;
  if (!isObject(actor)) throw invalidField('missing', 'every participant needs an actor');
  if (actor.reference !== undefined) {
    const ref = parseReference(actor.reference, call.req.baseUrl);
    if (!ref) throw invalidField('bad-value', `participant actor ${JSON.stringify(actor.reference)} is not a reference such as Patient/1`);
    return ref.type === 'Patient' ? { id: ref.id } : undefined;
  }
  const identifier = isObject(actor.identifier) ? actor.identifier : undefined;
  if (identifier?.system === NHS_NUMBER_SYSTEM && typeof identifier.value === 'string') return { nhsNumber: identifier.value };
  throw invalidField('bad-value', 'a participant actor needs a reference or an NHS number identifier');
}

/** The one patient the booking is for; undefined only for the faulty provider that books without one. */
export function patientOf(body: JsonObject, call: CcCall): PatientRec | undefined {
  if (call.ctx.fault('cc-missing-patient-accepted')) return undefined;
  const participants = objectsIn(body.participant);
  const patients = participants.map((p) => patientActor(p, call)).filter((p) => p !== undefined);
  if (patients.length === 0) throw invalidField('missing', 'a participant whose actor is the patient is mandatory');
  if (patients.length > 1) throw invalidField('bad-value', 'a booking is for one patient: more than one patient participant was sent');
  const wanted = patients[0]!;
  const patient = wanted.id !== undefined ? call.world.patients.get(wanted.id) : call.world.patientByNhsNumber(wanted.nhsNumber!);
  if (!patient) throw new CcError('REFERENCE_NOT_FOUND', 'no-such-reference', `the patient ${wanted.id ? `Patient/${wanted.id}` : `with NHS number ${wanted.nhsNumber}`} is not known here`);
  return patient;
}

/** The id a slot reference names; anything but a Slot reference is a corrupt field. */
function slotIdOf(value: unknown, call: CcCall): string {
  // The faulty provider takes whatever follows the last '/' and trusts the element to say it is a Slot.
  if (call.ctx.fault('cc-reference-type-not-checked') && nonBlankString(value)) return value.split('/').pop()!;
  const ref = parseReference(value, call.req.baseUrl);
  if (ref?.type !== 'Slot') throw invalidField('bad-value', `slot reference ${JSON.stringify(value ?? null)} is not a reference such as Slot/1`);
  return ref.id;
}

/** The referenced slots, each of which must exist; whether they are free is the booking's to decide. */
export function slotsOf(body: JsonObject, call: CcCall): SlotRec[] {
  const refs = objectsIn(body.slot).map((s) => s.reference);
  if (refs.length === 0 && !call.ctx.fault('cc-slotless-booking-accepted')) throw invalidField('missing', 'one or more slot references are mandatory');
  const ids = refs.map((value) => slotIdOf(value, call));
  if (new Set(ids).size !== ids.length) throw invalidField('bad-value', 'the same slot is referenced twice');
  return ids.map((id) => {
    const slot = call.world.slots.get(id);
    if (slot) return slot;
    if (call.ctx.fault('cc-unknown-slot-500')) throw new Error(`NullPointerException: slot ${id}`);
    throw new CcError('REFERENCE_NOT_FOUND', 'no-such-reference', `Slot/${id} does not exist`);
  });
}
