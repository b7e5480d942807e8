// The stored appointments as read, amend, cancel and the patient's appointments see them: their state,
// the checks amend and cancel share before looking at what changes, and saving a new version.
import type { Reply } from '../types.ts';
import { declaresAppointmentProfile, readAppointmentBody } from './appointment-body.ts';
import { param, type Call } from './call.ts';
import { sameJson, type JsonObject } from '../../common/json.ts';
import { badRequest, GpcError, invalidResource } from './outcome.ts';
import { appointmentResource } from './resources.ts';
import { entityTag, ifMatchTag, resourceReply, versionHeaders } from './reply.ts';
import { wholeSeconds } from '../../common/london-time.ts';
import type { AppointmentRec } from './world-model.ts';

/** Elements that never count as a change: they describe the resource, not the booking. */
export const ENVELOPE = ['resourceType', 'id', 'meta', 'text'];

export const isCancelled = (a: AppointmentRec): boolean => a.resource.status === 'cancelled';
export const appointmentStart = (a: AppointmentRec): number => Date.parse(String(a.resource.start));

export function appointmentNotFound(id: string): GpcError {
  return new GpcError('NO_RECORD_FOUND', `no appointment has the id ${id}`);
}

function checkIfMatch(stored: AppointmentRec, call: Call): void {
  if (call.ctx.fault('gpc-if-match-ignored')) return;
  const sent = ifMatchTag(call.req, call.ctx);
  const current = entityTag(stored, call.ctx);
  if (sent === current) return;
  const why = `If-Match names version ${sent} but the appointment is at version ${current}`;
  // National assurance asserts 409 FHIR_CONSTRAINT_VIOLATION; a plain HTTP server would say 412.
  throw new GpcError('FHIR_CONSTRAINT_VIOLATION', why, call.ctx.fault('gpc-if-match-mismatch-412') ? 412 : 409);
}

/** What amend and cancel both require before looking at what changes. */
export function loadForUpdate(call: Call): { stored: AppointmentRec; body: JsonObject } {
  const id = param(call);
  const stored = call.world.appointments.get(id);
  if (!stored) throw appointmentNotFound(id);
  const body = readAppointmentBody(call.req);
  if (body.id !== id) throw badRequest(`the Appointment id in the body must be ${id}, the id in the URL`);
  checkIfMatch(stored, call);
  if (!declaresAppointmentProfile(body)) throw invalidResource('meta.profile must declare GPConnect-Appointment-1');
  if (appointmentStart(stored) <= call.ctx.now().getTime()) throw invalidResource('a past appointment cannot be changed');
  return { stored, body };
}

/** Top-level elements that differ between the stored appointment and the body, other than the ones allowed to. */
export function changedElements(stored: JsonObject, body: JsonObject, mayChange: readonly string[]): string[] {
  const ignored = [...ENVELOPE, ...mayChange];
  const names = new Set([...Object.keys(stored), ...Object.keys(body)].filter((k) => !ignored.includes(k)));
  return [...names].filter((k) => !sameJson(stored[k], body[k]));
}

export function saveNewVersion(stored: AppointmentRec, resource: JsonObject, call: Call): Reply {
  stored.resource = resource;
  if (!call.ctx.fault('gpc-version-not-incremented')) stored.version += 1;
  stored.lastUpdated = wholeSeconds(call.ctx.now());
  return resourceReply(200, appointmentResource(stored, call.ctx), versionHeaders(stored, call.ctx), call);
}
