// Read an appointment: GET /Appointment/{id} (FHIR STU3 read), so the Location of a booking resolves.
import type { Reply } from '../../types.ts';
import type { CcCall } from '../context.ts';
import { fhirReply } from '../http.ts';
import { CcError } from '../outcome.ts';
import { appointmentResource, versionHeaders } from '../resources.ts';

export function readAppointment({ ctx, world, params: [id = ''] }: CcCall): Reply {
  const record = world.appointments.get(id);
  if (!record) throw new CcError('NO_RECORD_FOUND', 'not-found', `no appointment has the id ${id}`);
  return fhirReply(200, appointmentResource(record, ctx), versionHeaders(record, ctx));
}
