// GET [base]/Appointment/{id} (the current version, by the GP Connect rules) and
// GET [base]/Appointment/{id}/_history/{vid}: the Location URL of a version, which keeps answering that version.
import type { Reply } from '../../types.ts';
import { readAppointment as gpConnectRead } from '../../gpconnect/interactions/read-appointment.ts';
import { coreCall, type ApiHubCall } from '../context.ts';
import { storedVersion } from '../stored-versions.ts';

export function readAppointment(call: ApiHubCall): Reply {
  const [id, versionId] = call.params;
  if (versionId === undefined) return gpConnectRead(coreCall(call));
  const version = storedVersion(id!, versionId, call);
  return { status: 200, headers: version.headers, body: version.resource };
}
