// A038 GET /Appointment/{id} (API platform): the current version of an appointment made through A016.

import type { RefRequest, RefResponse } from '../types.ts';
import { renderAppointment } from './appointment.ts';
import { findReferral } from './booking.ts';
import type { ErsEnv } from './env.ts';
import { fhirResponse, weakEtag } from './http.ts';
import { fail, type Generation } from './outcome.ts';
import { callerFor } from './session.ts';

export function handleA038(env: ErsEnv, gen: Generation, req: RefRequest, id: string, historyVersion?: string): RefResponse {
  const caller = callerFor(gen, req);
  const record = env.world.appointments.get(id) ?? fail('REFERENCE_NOT_FOUND', `no appointment exists with id ${id}`);
  findReferral(env, record.ubrn, caller, 'REFERENCE_NOT_FOUND'); // the relationship check is the referral's
  if (historyVersion !== undefined && historyVersion !== String(record.versionId)) {
    fail('HISTORY_NOT_SUPPORTED', `only the current version (${record.versionId}) of appointment ${id} can be read`);
  }
  return fhirResponse(200, renderAppointment(env, record), { ETag: weakEtag(record.versionId) });
}
