// Read one appointment: GET /Appointment/{id}.
import type { Reply } from '../../types.ts';
import { param, type Call } from '../call.ts';
import { badRequest, invalidResource } from '../outcome.ts';
import { appointmentResource } from '../resources.ts';
import { versionHeaders } from '../reply.ts';
import { appointmentNotFound, appointmentStart } from '../stored-appointments.ts';

export function readAppointment(call: Call): Reply {
  const id = param(call);
  const stored = call.world.appointments.get(id);
  if (!stored) throw call.ctx.fault('gpc-read-unknown-as-400') ? badRequest(`invalid appointment id ${id}`) : appointmentNotFound(id);
  // The spec names no code for reading a past appointment; this provider answers as amend and cancel do.
  if (appointmentStart(stored) <= call.ctx.now().getTime()) throw invalidResource('a past appointment cannot be read');
  const headers = versionHeaders(stored, call.ctx);
  if (call.ctx.fault('gpc-read-no-etag')) delete headers.etag;
  return { status: 200, headers, body: appointmentResource(stored, call.ctx) };
}
