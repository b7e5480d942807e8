// A016 POST /Appointment: one endpoint, book (status booked) or defer (status proposed).

import type { RefRequest, RefResponse } from '../types.ts';
import { bookFromAppointment } from './a016-book.ts';
import { deferFromAppointment } from './a016-defer.ts';
import { parseAppointmentRequest, renderAppointment } from './appointment.ts';
import type { ErsEnv } from './env.ts';
import { fhirResponse, parseJsonBody, unsupportedMediaType, weakEtag } from './http.ts';
import type { Generation } from './outcome.ts';
import { callerFor, requireReferringRole } from './session.ts';
import type { AppointmentRecord } from './world.ts';

export async function handleA016(env: ErsEnv, gen: Generation, req: RefRequest): Promise<RefResponse> {
  const caller = callerFor(gen, req);
  const unsupported = unsupportedMediaType(gen, req);
  if (unsupported) return unsupported;
  requireReferringRole(env, caller);
  const appt = parseAppointmentRequest(parseJsonBody(req));
  const record =
    appt.status === 'booked' ? await bookFromAppointment(env, caller, appt) : await deferFromAppointment(env, gen, caller, appt);
  return createdResponse(env, req, record);
}

/** 201 with the Appointment, its ETag and Location [base]/Appointment/{id}/_history/{vid}. */
function createdResponse(env: ErsEnv, req: RefRequest, record: AppointmentRecord): RefResponse {
  const headers: Record<string, string> = { ETag: weakEtag(record.versionId) };
  const omitLocation = record.status === 'proposed' && env.fault('ers-no-location-on-defer');
  if (!omitLocation) headers['Location'] = `${req.baseUrl}/Appointment/${record.id}/_history/${record.versionId}`;
  return fhirResponse(201, renderAppointment(env, record), headers);
}
