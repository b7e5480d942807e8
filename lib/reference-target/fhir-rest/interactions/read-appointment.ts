// GET [base]/Appointment/[id] (read) and GET [base]/Appointment/[id]/_history/[vid] (vread): the version with
// its ETag and Last-Modified; 404 with an OperationOutcome for an id or version the server does not have.
import type { Reply } from '../../types.ts';
import type { FhirRestCall } from '../context.ts';
import { appointmentOr404, currentVersion } from '../appointments.ts';
import { FhirError } from '../outcome.ts';
import { shown, versionHeaders } from '../resources.ts';

export function readAppointment(call: FhirRestCall): Reply {
  const [id, vid] = call.params;
  if (!call.world.appointments.has(id!)) {
    if (call.env.fault('frb-unknown-id-200')) return { status: 200, body: { resourceType: 'Bundle', type: 'searchset', total: 0 } };
    if (call.env.fault('frb-no-outcome-on-404')) return { status: 404 };
  }
  const record = appointmentOr404(call, id!);
  if (vid !== undefined && call.env.fault('frb-vread-unsupported')) throw new FhirError(404, 'not-found', `no version history is kept for Appointment/${id}`);
  const version = vid === undefined ? currentVersion(record) : record.versions.find((v) => v.versionId === vid);
  if (!version) throw new FhirError(404, 'not-found', `Appointment/${id} has no version ${vid}`);
  return { status: 200, headers: versionHeaders(version, call), body: shown(version, call) };
}
