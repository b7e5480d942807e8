// PUT [base]/Appointment/{id}[/_history/{vid}] with If-Match (seed 001: updates SHOULD be taken at the
// Location URL). What may change is GP Connect's: a cancellation (status cancelled with a reason) or an
// amendment (description and comment); the If-Match version decides, as FHIR's versioned update does.
import type { Reply } from '../../types.ts';
import { amendAppointment } from '../../gpconnect/interactions/amend-appointment.ts';
import { cancelAppointment } from '../../gpconnect/interactions/cancel-appointment.ts';
import { isObject, parseJson } from '../../../common/json.ts';
import { coreCall, type ApiHubCall } from '../context.ts';
import { recordVersionOf, storedVersion } from '../stored-versions.ts';

const isCancellation = (rawBody: string): boolean => {
  const body = parseJson(rawBody);
  return isObject(body) && body.status === 'cancelled';
};

export function updateAppointment(call: ApiHubCall): Reply {
  const [id, versionId] = call.params;
  if (versionId !== undefined) {
    // The faulty provider routes PUT only at [base]/Appointment/{id}.
    if (call.env.fault('apihub-put-to-location-unsupported')) return { status: 405, headers: { allow: 'GET' } };
    // The URL must name a version this appointment has had; which version is current is If-Match's to say.
    storedVersion(id!, versionId, call);
  }
  const core = { ...coreCall(call), params: [id!] };
  const reply = isCancellation(call.req.rawBody) ? cancelAppointment(core) : amendAppointment(core);
  recordVersionOf(reply, call);
  return reply;
}
