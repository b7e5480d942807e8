// Keeping and serving the versions of appointments (versions.ts) from what book and update answered.
import type { Reply } from '../types.ts';
import { appointmentResource, versionIdText } from '../gpconnect/resources.ts';
import { versionHeaders } from '../gpconnect/reply.ts';
import { appointmentNotFound } from '../gpconnect/stored-appointments.ts';
import type { ApiHubCall } from './context.ts';
import type { VersionSnapshot } from './versions.ts';

/** After a successful create or update: the appointment's new version as it is now stored. */
export function recordVersionOf(reply: Reply, call: ApiHubCall): void {
  if (reply.status !== 200 && reply.status !== 201) return;
  const fromBody = (reply.body as { id?: unknown } | undefined)?.id;
  const id = typeof fromBody === 'string' ? fromBody : (call.params[0] ?? /(?:^|\/)Appointment\/([^/]+)/.exec(reply.headers?.location ?? '')?.[1]);
  const stored = id === undefined ? undefined : call.practice.world.appointments.get(id);
  if (!stored) return;
  const { core } = call.env;
  call.practice.history.record(stored.id, versionIdText(stored.version, core), {
    resource: appointmentResource(stored, core),
    headers: versionHeaders(stored, core),
  });
}

/** One version of an appointment; 404 when the appointment never had it (or the provider serves no versions). */
export function storedVersion(id: string, versionId: string, call: ApiHubCall): VersionSnapshot {
  const found = call.env.fault('apihub-location-not-readable') ? undefined : call.practice.history.get(id, versionId);
  if (!found) throw appointmentNotFound(`${id} at version ${versionId}`);
  return found;
}
