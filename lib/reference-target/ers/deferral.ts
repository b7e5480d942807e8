// A016 defer to provider (status "proposed"). Deferral is only allowed when booking genuinely cannot
// happen (no slots, the named slot is gone, or the booking attempt failed), so e-RS checks live availability.
// It reuses the referral checks of the booking core (booking.ts).

import type { AppointmentRequest } from './appointment.ts';
import {
  checkPatient,
  checkServiceAvailable,
  checkUnbooked,
  checkVersion,
  findReferral,
  requireDirectlyBookable,
  shortlistedService,
  storeAppointment,
  withReferralLock,
} from './booking.ts';
import type { ErsEnv } from './env.ts';
import { fail, type Generation } from './outcome.ts';
import type { Caller } from './session.ts';
import { CODE_SYSTEMS, LEGACY_DEFER_REASONS, TRIAGE_REASON } from './systems.ts';
import { isBookableNow, type AppointmentRecord, type Referral, type Service } from './world.ts';

const MAX_COMMENT_LENGTH = 1000;

export async function deferFromAppointment(env: ErsEnv, gen: Generation, caller: Caller, appt: AppointmentRequest): Promise<AppointmentRecord> {
  const reason = readDeferReason(env, gen, appt.reason);
  checkComment(env, appt.comment);
  checkSlotMatchesReason(reason, appt.slotId);
  const referral = findReferral(env, appt.ubrn, caller, 'NO_SUCH_REQUEST');
  return withReferralLock(env, referral, async () => {
    checkVersion(env, referral, appt.version);
    checkUnbooked(referral);
    checkPatient(referral, appt.patientNhsNumber);
    const service = shortlistedService(env, referral, appt.serviceId, true);
    checkServiceAvailable(service);
    checkServiceSuitsReason(service, reason);
    if (appt.slotId !== undefined) checkNamedSlotIsUnavailable(env, referral, service, appt.slotId);
    if (reason === 'NO_SLOTS_AT_SERVICE') checkServiceHasNoFreeSlots(env, service);
    const stateKept = env.fault('ers-defer-state-not-updated') || (gen === 'G2' && env.fault('ers-apim-defer-state-not-updated'));
    const state = stateKept ? 'NOT_BOOKED' : 'DEFERRED_TO_PROVIDER';
    return storeAppointment(env, referral, state, {
      status: 'proposed',
      serviceId: service.id,
      reason,
      ...(appt.comment !== undefined ? { comment: appt.comment } : {}),
      ...(appt.clinicianId !== undefined ? { clinicianId: appt.clinicianId } : {}),
      ...(appt.slotId !== undefined ? { submittedSlotId: appt.slotId } : {}),
    });
  });
}

function readDeferReason(env: ErsEnv, gen: Generation, reason: AppointmentRequest['reason']): string {
  if (reason === undefined) fail('MISSING_VALUE', 'reason is mandatory when deferring to provider');
  if (reason.system !== CODE_SYSTEMS.reviewReason) fail('INVALID_VALUE', `reason.coding.system must be ${CODE_SYSTEMS.reviewReason}`);
  if (reason.code === undefined || reason.code === '') fail('MISSING_VALUE', 'reason.coding.code is mandatory');
  const triage = gen === 'G2' && !env.fault('ers-apim-triage-rejected');
  const allowed: readonly string[] = triage ? [...LEGACY_DEFER_REASONS, TRIAGE_REASON] : LEGACY_DEFER_REASONS;
  if (!allowed.includes(reason.code)) fail('INVALID_CODE', `'${reason.code}' is not a deferral reason here (allowed: ${allowed.join(', ')})`);
  return reason.code;
}

function checkComment(env: ErsEnv, comment: string | undefined): void {
  if (comment === undefined || env.fault('ers-comment-length-not-checked')) return;
  const limit = env.fault('ers-comment-limit-off-by-one') ? MAX_COMMENT_LENGTH - 1 : MAX_COMMENT_LENGTH;
  if (comment.length > limit) fail('INVALID_VALUE', `comment is ${comment.length} characters long; at most ${MAX_COMMENT_LENGTH} are allowed`);
}

/** A slot may only be named when deferring because that very slot could not be booked. */
function checkSlotMatchesReason(reason: string, slotId: string | undefined): void {
  if (slotId !== undefined && reason !== 'SLOT_NOT_AVAILABLE') {
    fail('INAPPROPRIATE_VALUE', 'a slot may only be referenced when the deferral reason is SLOT_NOT_AVAILABLE');
  }
  if (slotId === undefined && reason === 'SLOT_NOT_AVAILABLE') fail('MISSING_VALUE', 'slot is mandatory when the deferral reason is SLOT_NOT_AVAILABLE');
}

/** TRIAGE goes to a triage service; every other reason to a directly bookable service. */
function checkServiceSuitsReason(service: Service, reason: string): void {
  if (reason === TRIAGE_REASON) {
    if (service.kind !== 'TRIAGE') fail('INAPPROPRIATE_VALUE', `service ${service.id} is not a triage service`);
    return;
  }
  requireDirectlyBookable(service);
}

function checkNamedSlotIsUnavailable(env: ErsEnv, referral: Referral, service: Service, slotId: string): void {
  const slot = env.world.slots.get(slotId) ?? fail('REFERENCE_NOT_FOUND', `no slot exists with id ${slotId}`);
  if (!referral.shortlist.includes(slot.serviceId)) fail('INAPPROPRIATE_VALUE', `slot ${slot.id} does not belong to a service on the shortlist`);
  if (slot.serviceId !== service.id) fail('INAPPROPRIATE_SLOT', `slot ${slot.id} is not a slot of service ${service.id}; search slots again`);
  if (isBookableNow(slot, env.now()) && !env.fault('ers-defer-slot-availability-not-checked')) {
    fail('THIS_SLOT_IS_AVAILABLE', `slot ${slot.id} is still available and can be booked`);
  }
}

function checkServiceHasNoFreeSlots(env: ErsEnv, service: Service): void {
  if (env.fault('ers-defer-while-slots-exist')) return;
  const free = env.world.freeSlotsOf(service.id, env.now()).length;
  if (free > 0) fail('SLOTS_CURRENTLY_AVAILABLE', `service ${service.id} has ${free} future slots available; book one instead of deferring`);
}
