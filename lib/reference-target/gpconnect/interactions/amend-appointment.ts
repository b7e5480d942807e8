// Amend an appointment: PUT /Appointment/{id} changing only description and comment.
import type { Reply } from '../../types.ts';
import { cancellationReasons, checkTexts, storedTexts } from '../appointment-body.ts';
import type { Call } from '../call.ts';
import { omit } from '../../../common/json.ts';
import { invalidResource } from '../outcome.ts';
import { changedElements, ENVELOPE, isCancelled, loadForUpdate, saveNewVersion } from '../stored-appointments.ts';

export function amendAppointment(call: Call): Reply {
  const { stored, body } = loadForUpdate(call);
  const { ctx } = call;
  if (isCancelled(stored) && !ctx.fault('gpc-cancelled-amendable')) throw invalidResource('a cancelled appointment cannot be amended');
  if (cancellationReasons(body).length > 0 && !isCancelled(stored)) throw invalidResource('an amendment must not carry a cancellation reason');
  checkTexts(body, ctx);
  if (ctx.fault('gpc-amend-any-field')) {
    return saveNewVersion(stored, { ...omit(body, [...ENVELOPE, 'description', 'comment']), ...storedTexts(body, ctx) }, call);
  }
  const changed = changedElements(stored.resource, body, ['description', 'comment']);
  if (changed.length > 0) throw invalidResource(`only description and comment can be amended; also changed: ${changed.join(', ')}`);
  return saveNewVersion(stored, { ...omit(stored.resource, ['description', 'comment']), ...storedTexts(body, ctx) }, call);
}
