// Book an appointment: POST /Appointment (seed 002). The mandatory elements, the referenced slots (which must
// exist and all still be free), then the slots are taken and the Appointment is stored, in one synchronous run
// so no other booking can interleave.
import { isObject, objectsIn, omit, type JsonObject } from '../../../common/json.ts';
import { formatLondonDateTime, wholeSeconds } from '../../../common/london-time.ts';
import type { Reply } from '../../types.ts';
import { checkStatusBooked, patientOf, readAppointmentBody, slotsOf } from '../booking-body.ts';
import type { CcCall } from '../context.ts';
import { fhirReply } from '../http.ts';
import { CcError, invalidField } from '../outcome.ts';
import { appointmentResource, locationHeader, versionHeaders } from '../resources.ts';
import type { AppointmentRec, PatientRec, SlotRec } from '../world-model.ts';

interface Booking {
  body: JsonObject;
  patient?: PatientRec;
  slots: SlotRec[];
}

function readBooking(call: CcCall): Booking {
  const body = readAppointmentBody(call);
  checkStatusBooked(body, call);
  const patient = patientOf(body, call);
  return { body, slots: slotsOf(body, call), ...(patient ? { patient } : {}) };
}

/** Every slot must still be free; the faulty providers skip the check, or take the free ones on the way out. */
function ensureFree(b: Booking, call: CcCall): void {
  if (call.ctx.fault('cc-double-booking')) return;
  const taken = b.slots.filter((s) => s.status !== 'free');
  if (taken.length === 0) return;
  if (call.ctx.fault('cc-partial-booking')) for (const s of b.slots) s.status = 'busy';
  throw new CcError('DUPLICATE_REJECTED', 'taken', `Slot ${taken.map((s) => s.id).join(', ')} is no longer free`);
}

/** start and end, when the consumer sends them, are the slots' own; when it does not, they are filled in from them. */
function timesOf(b: Booking): { start?: string; end?: string } {
  const sorted = [...b.slots].sort((x, y) => x.start.getTime() - y.start.getTime());
  if (sorted.length === 0) return {};
  const [start, end] = [sorted[0]!.start, sorted[sorted.length - 1]!.end];
  const differs = (sent: unknown, own: Date): boolean => sent !== undefined && Date.parse(String(sent)) !== own.getTime();
  if (differs(b.body.start, start) || differs(b.body.end, end)) throw invalidField('bad-value', "start and end must be the booked slots' start and end");
  return { start: formatLondonDateTime(start), end: formatLondonDateTime(end) };
}

/** The consumer's Appointment as stored: its own elements kept, status booked, the times of its slots. */
function storedResource(b: Booking, call: CcCall): JsonObject {
  const { ctx } = call;
  const isPatient = (p: JsonObject): boolean => isObject(p.actor) && (String(p.actor.reference ?? '').includes('Patient/') || p.actor.identifier !== undefined);
  const participant = ctx.fault('cc-patient-participant-dropped') ? objectsIn(b.body.participant).filter((p) => !isPatient(p)) : b.body.participant;
  return {
    ...omit(b.body, ['resourceType', 'id', 'meta']),
    status: ctx.fault('cc-response-status-pending') ? 'pending' : 'booked',
    ...timesOf(b),
    ...(ctx.fault('cc-slot-reference-dropped') ? { slot: undefined } : {}),
    participant,
  };
}

function newId(call: CcCall): string {
  const n = call.world.newAppointmentId();
  return call.ctx.liberty('cc-opaque-ids') ? `cc-appt-${(n * 7919).toString(36)}` : String(n);
}

function commit(b: Booking, call: CcCall): Reply {
  const resource = storedResource(b, call);
  if (!call.ctx.fault('cc-booked-slot-still-free')) for (const s of b.slots) s.status = 'busy';
  const record: AppointmentRec = {
    id: newId(call),
    version: 1,
    lastUpdated: wholeSeconds(call.ctx.now()),
    resource,
    slotIds: b.slots.map((s) => s.id),
    patientId: b.patient?.id ?? '',
  };
  call.world.appointments.set(record.id, record);
  const headers = { ...locationHeader(record, call.req.baseUrl, call.ctx), ...versionHeaders(record, call.ctx) };
  // The faulty provider hands back what it was sent instead of what it stored.
  const body = call.ctx.fault('cc-book-echoes-request') ? omit(b.body, ['id']) : appointmentResource(record, call.ctx);
  return fhirReply(call.ctx.fault('cc-create-answers-200') ? 200 : 201, body, headers);
}

export function bookAppointment(call: CcCall): Reply {
  const booking = readBooking(call);
  ensureFree(booking, call);
  return commit(booking, call);
}
