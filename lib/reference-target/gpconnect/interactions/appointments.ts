// Read, amend and cancel one appointment: GET and PUT /Appointment/{id}.
import { cancellationReasons, checkTexts, declaresAppointmentProfile, readAppointmentBody, storedTexts } from '../appointment-body.ts';
import { param, type Call, type Reply } from '../call.ts';
import { nonBlankString, objectsIn, omit, sameJson, type JsonObject } from '../../../common/json.ts';
import { badRequest, GpcError, invalidParameter, invalidResource } from '../outcome.ts';
import { EXTENSION } from '../profiles.ts';
import { appointmentResource } from '../resources.ts';
import { entityTag, ifMatchTag, resourceReply, versionHeaders } from '../reply.ts';
import { wholeSeconds } from '../../../common/london-time.ts';
import type { AppointmentRec } from '../world-model.ts';

/** Elements that never count as a change: they describe the resource, not the booking. */
const ENVELOPE = ['resourceType', 'id', 'meta', 'text'];

export const isCancelled = (a: AppointmentRec): boolean => a.resource.status === 'cancelled';
export const appointmentStart = (a: AppointmentRec): number => Date.parse(String(a.resource.start));

function notFound(id: string): GpcError {
  return new GpcError('NO_RECORD_FOUND', `no appointment has the id ${id}`);
}

export function readAppointment(call: Call): Reply {
  const id = param(call);
  const stored = call.world.appointments.get(id);
  if (!stored) throw call.ctx.faults.has('gpc-read-unknown-as-400') ? badRequest(`invalid appointment id ${id}`) : notFound(id);
  // The spec names no code for reading a past appointment; this provider answers as amend and cancel do.
  if (appointmentStart(stored) <= call.ctx.now().getTime()) throw invalidResource('a past appointment cannot be read');
  const headers = versionHeaders(stored, call.ctx);
  if (call.ctx.faults.has('gpc-read-no-etag')) delete headers.etag;
  return { status: 200, headers, body: appointmentResource(stored, call.ctx) };
}

function checkIfMatch(stored: AppointmentRec, call: Call): void {
  if (call.ctx.faults.has('gpc-if-match-ignored')) return;
  const sent = ifMatchTag(call.req, call.ctx);
  const current = entityTag(stored, call.ctx);
  if (sent === current) return;
  const why = `If-Match names version ${sent} but the appointment is at version ${current}`;
  // National assurance asserts 409 FHIR_CONSTRAINT_VIOLATION; a plain HTTP server would say 412.
  throw new GpcError('FHIR_CONSTRAINT_VIOLATION', why, call.ctx.faults.has('gpc-if-match-mismatch-412') ? 412 : 409);
}

/** What amend and cancel both require before looking at what changes. */
function loadForUpdate(call: Call): { stored: AppointmentRec; body: JsonObject } {
  const id = param(call);
  const stored = call.world.appointments.get(id);
  if (!stored) throw notFound(id);
  const body = readAppointmentBody(call.req);
  if (body.id !== id) throw badRequest(`the Appointment id in the body must be ${id}, the id in the URL`);
  checkIfMatch(stored, call);
  if (!declaresAppointmentProfile(body)) throw invalidResource('meta.profile must declare GPConnect-Appointment-1');
  if (appointmentStart(stored) <= call.ctx.now().getTime()) throw invalidResource('a past appointment cannot be changed');
  return { stored, body };
}

function withoutCancellationReason(resource: JsonObject): JsonObject {
  const kept = objectsIn(resource.extension).filter((e) => e.url !== EXTENSION.cancellationReason);
  const rest = omit(resource, ['extension']);
  return kept.length > 0 ? { ...rest, extension: kept } : rest;
}

/** Top-level elements that differ between the stored appointment and the body, other than the ones allowed to. */
function changedElements(stored: JsonObject, body: JsonObject, mayChange: readonly string[]): string[] {
  const ignored = [...ENVELOPE, ...mayChange];
  const names = new Set([...Object.keys(stored), ...Object.keys(body)].filter((k) => !ignored.includes(k)));
  return [...names].filter((k) => !sameJson(stored[k], body[k]));
}

function saveNewVersion(stored: AppointmentRec, resource: JsonObject, call: Call): Reply {
  stored.resource = resource;
  if (!call.ctx.faults.has('gpc-version-not-incremented')) stored.version += 1;
  stored.lastUpdated = wholeSeconds(call.ctx.now());
  return resourceReply(200, appointmentResource(stored, call.ctx), versionHeaders(stored, call.ctx), call);
}

export function amendAppointment(call: Call): Reply {
  const { stored, body } = loadForUpdate(call);
  const { ctx } = call;
  if (isCancelled(stored) && !ctx.faults.has('gpc-cancelled-amendable')) throw invalidResource('a cancelled appointment cannot be amended');
  if (cancellationReasons(body).length > 0 && !isCancelled(stored)) throw invalidResource('an amendment must not carry a cancellation reason');
  checkTexts(body, ctx);
  if (ctx.faults.has('gpc-amend-any-field')) {
    return saveNewVersion(stored, { ...omit(body, [...ENVELOPE, 'description', 'comment']), ...storedTexts(body, ctx) }, call);
  }
  const changed = changedElements(stored.resource, body, ['description', 'comment']);
  if (changed.length > 0) throw invalidResource(`only description and comment can be amended; also changed: ${changed.join(', ')}`);
  return saveNewVersion(stored, { ...omit(stored.resource, ['description', 'comment']), ...storedTexts(body, ctx) }, call);
}

function cancellationReason(body: JsonObject, call: Call): string | undefined {
  const reason = cancellationReasons(body)[0]?.valueString;
  if (nonBlankString(reason) || call.ctx.faults.has('gpc-cancel-reason-optional')) return nonBlankString(reason) ? reason : undefined;
  // National assurance expects 422 INVALID_PARAMETER here; the demonstrator answers 400 BAD_REQUEST.
  throw invalidParameter('a cancellation needs a cancellation reason (valueString)');
}

function freeSlots(stored: AppointmentRec, call: Call): void {
  if (call.ctx.faults.has('gpc-slot-not-freed-on-cancel')) return;
  const now = wholeSeconds(call.ctx.now());
  for (const id of stored.slotIds) {
    const slot = call.world.slots.get(id);
    if (!slot) continue;
    slot.status = 'free';
    slot.version += 1;
    slot.lastUpdated = now;
  }
}

export function cancelAppointment(call: Call): Reply {
  const { stored, body } = loadForUpdate(call);
  const again = isCancelled(stored);
  const freesAgain = call.ctx.faults.has('gpc-recancel-frees-slots');
  // No clause names an error for cancelling twice: this provider rejects it; the demonstrator accepts it (liberty).
  if (again && !freesAgain && !call.ctx.liberties.has('gpc-recancel-accepted')) throw invalidResource('the appointment is already cancelled');
  if (body.status !== 'cancelled') throw invalidResource(`a cancellation sets status to 'cancelled', got ${JSON.stringify(body.status)}`);
  const reason = cancellationReason(body, call);
  const changed = changedElements(withoutCancellationReason(stored.resource), withoutCancellationReason(body), ['status']);
  if (changed.length > 0) throw invalidResource(`a cancellation may change only status and the cancellation reason; also changed: ${changed.join(', ')}`);
  if (again) {
    // The first cancellation freed the slots; another booking may hold them by now, so they are left alone.
    if (freesAgain) freeSlots(stored, call);
    return resourceReply(200, appointmentResource(stored, call.ctx), versionHeaders(stored, call.ctx), call);
  }
  const extension = [
    ...objectsIn(stored.resource.extension),
    ...(reason === undefined ? [] : [{ url: EXTENSION.cancellationReason, valueString: reason }]),
  ];
  freeSlots(stored, call);
  return saveNewVersion(stored, { ...stored.resource, status: 'cancelled', extension }, call);
}

