// Cancel an appointment: PUT /Appointment/{id} setting status cancelled, with a cancellation reason.
import type { Reply } from '../../types.ts';
import { cancellationReasons } from '../appointment-body.ts';
import type { Call } from '../call.ts';
import { nonBlankString, objectsIn, omit, type JsonObject } from '../../../common/json.ts';
import { invalidParameter, invalidResource } from '../outcome.ts';
import { EXTENSION } from '../profiles.ts';
import { appointmentResource } from '../resources.ts';
import { resourceReply, versionHeaders } from '../reply.ts';
import { wholeSeconds } from '../../../common/london-time.ts';
import { changedElements, isCancelled, loadForUpdate, saveNewVersion } from '../stored-appointments.ts';
import type { AppointmentRec } from '../world-model.ts';

function withoutCancellationReason(resource: JsonObject): JsonObject {
  const kept = objectsIn(resource.extension).filter((e) => e.url !== EXTENSION.cancellationReason);
  const rest = omit(resource, ['extension']);
  return kept.length > 0 ? { ...rest, extension: kept } : rest;
}

function cancellationReason(body: JsonObject, call: Call): string | undefined {
  const reason = cancellationReasons(body)[0]?.valueString;
  if (nonBlankString(reason) || call.ctx.fault('gpc-cancel-reason-optional')) return nonBlankString(reason) ? reason : undefined;
  // National assurance expects 422 INVALID_PARAMETER here; the demonstrator answers 400 BAD_REQUEST.
  throw invalidParameter('a cancellation needs a cancellation reason (valueString)');
}

function freeSlots(stored: AppointmentRec, call: Call): void {
  if (call.ctx.fault('gpc-slot-not-freed-on-cancel')) return;
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
  const freesAgain = call.ctx.fault('gpc-recancel-frees-slots');
  // No clause names an error for cancelling twice: this provider rejects it; the demonstrator accepts it (liberty).
  if (again && !freesAgain && !call.ctx.liberty('gpc-recancel-accepted')) throw invalidResource('the appointment is already cancelled');
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
