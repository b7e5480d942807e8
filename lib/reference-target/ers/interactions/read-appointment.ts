// A038 GET /Appointment/{id}[/_history/{version}] (API platform): the current version of an appointment made through A016.

import { createHash } from 'node:crypto';
import type { Reply } from '../../types.ts';
import { renderAppointment } from '../appointment.ts';
import { findReferral } from '../booking.ts';
import type { ErsCall } from '../env.ts';
import { fhirResponse, weakEtag } from '../http.ts';
import { fail } from '../outcome.ts';
import { callerFor } from '../session.ts';

export function readAppointment({ env, gen, req, params: [id = '', historyVersion] }: ErsCall): Reply {
  const caller = callerFor(env, gen, req);
  const record = env.world.appointments.get(id) ?? fail('REFERENCE_NOT_FOUND', `no appointment exists with id ${id}`);
  findReferral(env, record.ubrn, caller, 'REFERENCE_NOT_FOUND'); // the relationship check is the referral's
  if (historyVersion !== undefined && historyVersion !== String(record.versionId)) {
    fail('HISTORY_NOT_SUPPORTED', `only the current version (${record.versionId}) of appointment ${id} can be read`);
  }
  const etag = env.fault('ers-apim-a038-etag-not-version')
    ? `W/"${createHash('sha1').update(`${record.id}:${record.versionId}`).digest('hex').slice(0, 12)}"`
    : weakEtag(record.versionId);
  return fhirResponse(200, renderAppointment(env, record), { ETag: etag });
}
