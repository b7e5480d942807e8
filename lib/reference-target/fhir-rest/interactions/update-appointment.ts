// PUT [base]/Appointment/[id]: a new version of an existing Appointment (this server does not create on
// update). Version-aware (CapabilityStatement versioning: versioned-update): an If-Match naming another
// version than the current one is refused with 409 Conflict (412 under frb-stale-if-match-412), and one
// that is not a weak ETag W/"<vid>" or its strong form "<vid>" names no version of this resource, so it is
// refused too.
import type { Reply } from '../../types.ts';
import type { FhirRestCall } from '../context.ts';
import { appointmentBody, appointmentOr404, currentVersion, nextVersionId, storeVersion } from '../appointments.ts';
import { FhirError } from '../outcome.ts';
import { preferredBody, versionHeaders } from '../resources.ts';
import type { AppointmentRec } from '../world.ts';

const ETAG = /^(?:W\/)?"([^"]+)"$/;

function checkIfMatch(record: AppointmentRec, call: FhirRestCall): void {
  const header = call.req.headers['if-match'];
  if (header === undefined || call.env.fault('frb-stale-if-match-accepted')) return;
  const named = ETAG.exec(header.trim())?.[1];
  if (named === undefined && call.env.fault('frb-unquoted-if-match-ignored')) return;
  const current = currentVersion(record).versionId;
  if (named === current) return;
  const status = call.env.liberty('frb-stale-if-match-412') ? 412 : 409;
  throw new FhirError(status, 'conflict', `If-Match ${header} does not name the current version W/"${current}" of Appointment/${record.id}`);
}

export function updateAppointment(call: FhirRestCall): Reply {
  if (call.env.fault('frb-capability-declares-unsupported-update')) return { status: 405, headers: { allow: 'GET' } };
  const [id] = call.params;
  const body = appointmentBody(call);
  if (body.id !== id) throw new FhirError(400, 'invalid', `the body's id (${String(body.id)}) must be the id in the URL (${id})`);
  const record = appointmentOr404(call, id!);
  checkIfMatch(record, call);
  const previous = currentVersion(record);
  const versionId = call.env.fault('frb-version-not-incremented') ? previous.versionId : nextVersionId(previous, call, record.id);
  if (call.env.fault('frb-version-not-incremented')) record.versions.pop();
  const version = storeVersion(record, body, versionId, call);
  return { status: 200, headers: versionHeaders(version, call), body: preferredBody(version, call) };
}
