// A016 POST /Appointment: one endpoint, book (status booked) or defer (status proposed).
// Booking hands the slot to the booking core (booking.ts); deferral has its own rules (deferral.ts).

import type { RefRequest, Reply } from '../../types.ts';
import { parseAppointmentRequest, parseInstant, renderAppointment, type AppointmentRequest } from '../appointment.ts';
import { bookSlot } from '../booking.ts';
import { deferFromAppointment } from '../deferral.ts';
import type { ErsCall, ErsEnv } from '../env.ts';
import { fhirResponse, parseJsonBody, unsupportedMediaType, weakEtag } from '../http.ts';
import { fail, type Generation } from '../outcome.ts';
import { callerFor, requireReferringRole, type Caller } from '../session.ts';
import { IDENTIFIER_SYSTEMS } from '../systems.ts';
import type { AppointmentRecord } from '../world.ts';

export async function bookOrDefer({ env, gen, req }: ErsCall): Promise<Reply> {
  const caller = callerFor(env, gen, req);
  const unsupported = unsupportedMediaType(gen, req);
  if (unsupported) return unsupported;
  requireReferringRole(env, caller);
  const body = parseJsonBody(req);
  const appt = parseAppointmentRequest(env, body);
  const record =
    appt.status === 'booked' ? await bookFromAppointment(env, caller, appt) : await deferFromAppointment(env, gen, caller, appt);
  // A provider that answers the create with what it was sent (no server id, version, created or display).
  if (record.status === 'booked' && env.fault('ers-book-echoes-request')) return fhirResponse(201, body, { ETag: weakEtag(record.versionId) });
  return createdResponse(env, gen, req, appt, record);
}

/** Book: what the booking core needs, read from the Appointment (slot, start and end are mandatory here). */
async function bookFromAppointment(env: ErsEnv, caller: Caller, appt: AppointmentRequest): Promise<AppointmentRecord> {
  if (appt.slotId === undefined) fail('MISSING_VALUE', 'slot[0].reference is mandatory when booking');
  if (appt.start === undefined) fail('MISSING_VALUE', 'start is mandatory when booking');
  if (appt.end === undefined) fail('MISSING_VALUE', 'end is mandatory when booking');
  const start = parseInstant('start', appt.start);
  const end = parseInstant('end', appt.end);
  return bookSlot(env, {
    caller,
    ubrn: appt.ubrn,
    expectedVersion: appt.version,
    serviceId: appt.serviceId,
    slotId: appt.slotId,
    start,
    end,
    ...(appt.clinicianId !== undefined ? { clinicianId: appt.clinicianId } : {}),
    ...(appt.patientNhsNumber !== undefined ? { patientNhsNumber: appt.patientNhsNumber } : {}),
    referralNotFoundKey: 'REFERENCE_NOT_FOUND',
  });
}

/** 201 with the Appointment, its ETag and Location [base]/Appointment/{id}/_history/{vid}. */
function createdResponse(env: ErsEnv, gen: Generation, req: RefRequest, appt: AppointmentRequest, record: AppointmentRecord): Reply {
  const headers: Record<string, string> = { ETag: weakEtag(record.versionId) };
  // Only the deferral documents a Location; a booking may leave it out.
  const omitLocation =
    record.status === 'proposed' ? env.fault('ers-no-location-on-defer') : env.liberty('ers-no-location-on-book');
  if (!omitLocation) headers['Location'] = `${req.baseUrl}/Appointment/${record.id}/_history/${record.versionId}`;
  return fhirResponse(201, responseBody(env, gen, appt, record), headers);
}

/** The stored appointment as rendered; the faults below are mistakes a provider makes only in this response. */
function responseBody(env: ErsEnv, gen: Generation, appt: AppointmentRequest, record: AppointmentRecord): Record<string, unknown> {
  const body = renderAppointment(env, record);
  const dropClinician = env.fault('ers-clinician-participant-dropped') || (gen === 'G2' && env.fault('ers-apim-clinician-participant-dropped'));
  if (dropClinician && Array.isArray(body['participant'])) {
    body['participant'] = body['participant'].filter((p: { actor?: { identifier?: { system?: string } } }) => p.actor?.identifier?.system !== IDENTIFIER_SYSTEMS.sdsUserId);
  }
  if (gen === 'G2' && env.fault('ers-apim-response-quotes-request-version')) {
    body['incomingReferral'] = [{ reference: `ReferralRequest/${appt.ubrn}/_history/${appt.version}` }];
  }
  return body;
}
