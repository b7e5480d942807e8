// The booking core shared by A016 (G1 and G2) and $ers.bookdirect (G0), plus the referral checks
// that deferral reuses. It throws OutcomeErrors; each pack maps the keys to its own HTTP statuses.

import { createHash } from 'node:crypto';
import type { ErsEnv } from './env.ts';
import { fail } from './outcome.ts';
import type { Caller } from './session.ts';
import { isBookableNow, type AppointmentRecord, type Referral, type Service, type Slot } from './world.ts';

export interface BookingRequest {
  caller: Caller;
  ubrn: string;
  /** The referral version the client believes is current; undefined skips the comparison. */
  expectedVersion?: number;
  serviceId: string;
  slotId: string;
  /** When given they must be the slot's own times (compared as instants). */
  start?: Date;
  end?: Date;
  clinicianId?: string;
  patientNhsNumber?: string;
  /** A016 names a missing referral REFERENCE_NOT_FOUND; the UBRN-addressed operations NO_SUCH_REQUEST. */
  referralNotFoundKey: 'REFERENCE_NOT_FOUND' | 'NO_SUCH_REQUEST';
}

// Both documented book and defer examples move the referral on by two versions
// (the appointment is attached, then the referral state changes).
const VERSION_STEP = 2;

export async function bookSlot(env: ErsEnv, req: BookingRequest): Promise<AppointmentRecord> {
  const referral = findReferral(env, req.ubrn, req.caller, req.referralNotFoundKey);
  return withReferralLock(env, referral, async () => {
    if (req.expectedVersion !== undefined) checkVersion(env, referral, req.expectedVersion);
    if (!env.fault('ers-booked-referral-rebookable')) checkUnbooked(referral);
    checkPatient(referral, req.patientNhsNumber);
    const service = shortlistedService(env, referral, req.serviceId, !env.fault('ers-shortlist-not-checked'));
    checkServiceAvailable(service);
    requireDirectlyBookable(service);
    const slot = env.world.slots.get(req.slotId) ?? fail('REFERENCE_NOT_FOUND', `no slot exists with id ${req.slotId}`);
    if (slot.serviceId !== service.id) fail('INAPPROPRIATE_SLOT', `slot ${slot.id} does not belong to service ${service.id}`);
    checkSlotTimes(env, slot, req.start, req.end);
    checkClinician(env, slot, req.clinicianId);
    if (!isBookableNow(slot, env.now())) fail('SLOT_NOT_AVAILABLE', `slot ${slot.id} is no longer available`);
    return confirmWithPas(env, referral, service, slot, req);
  });
}

export function findReferral(env: ErsEnv, ubrn: string, caller: Caller, notFoundKey: BookingRequest['referralNotFoundKey']): Referral {
  const referral = env.world.referrals.get(ubrn) ?? fail(notFoundKey, `no referral exists with UBRN ${ubrn}`);
  if (referral.ownerOrg !== caller.org) fail('NO_RELATIONSHIP', `the user has no legitimate relationship with referral ${ubrn}`);
  return referral;
}

/** e-RS holds a pessimistic lock on the referral for the whole attempt, PAS wait included. */
export async function withReferralLock<T>(env: ErsEnv, referral: Referral, work: () => Promise<T>): Promise<T> {
  if (env.fault('ers-no-lock')) return work();
  if (!env.world.tryLock(referral.ubrn)) fail('REFERRAL_LOCKED', `referral ${referral.ubrn} is being updated by another request; re-read it and retry`);
  try {
    return await work();
  } finally {
    env.world.unlock(referral.ubrn);
  }
}

export function checkVersion(env: ErsEnv, referral: Referral, expected: number): void {
  if (expected === referral.version || env.fault('ers-stale-version-accepted')) return;
  fail('VERSION_CONFLICT', `version ${expected} of referral ${referral.ubrn} is not the current version (${referral.version})`);
}

export function checkUnbooked(referral: Referral): void {
  if (referral.state !== 'NOT_BOOKED') {
    fail('INVALID_REQUEST_STATE', `referral ${referral.ubrn} is not an unbooked referral (state ${referral.state})`);
  }
}

export function checkPatient(referral: Referral, nhsNumber: string | undefined): void {
  if (nhsNumber !== undefined && nhsNumber !== referral.patientNhsNumber) {
    fail('INAPPROPRIATE_VALUE', `UBRN ${referral.ubrn} does not belong to patient ${nhsNumber}`);
  }
  if (!referral.patientBookable) fail('PATIENT_ERROR', `the patient of referral ${referral.ubrn} cannot be booked through e-RS`);
}

export function shortlistedService(env: ErsEnv, referral: Referral, serviceId: string, checkShortlist: boolean): Service {
  if (checkShortlist && !referral.shortlist.includes(serviceId)) {
    fail('INAPPROPRIATE_VALUE', `service ${serviceId} is not on the shortlist of referral ${referral.ubrn}`);
  }
  return env.world.service(serviceId) ?? fail('REFERENCE_NOT_FOUND', `no service exists with id ${serviceId}`);
}

export function checkServiceAvailable(service: Service): void {
  if (!service.active) fail('SERVICE_UNAVAILABLE', `service ${service.id} is no longer available`);
}

export function requireDirectlyBookable(service: Service): void {
  if (service.kind !== 'DBS') fail('INVALID_STATE', `service ${service.id} is not directly bookable`);
}

function checkSlotTimes(env: ErsEnv, slot: Slot, start: Date | undefined, end: Date | undefined): void {
  if (env.fault('ers-start-end-not-checked')) return;
  if (start !== undefined && start.getTime() !== slot.start.getTime()) {
    fail('INAPPROPRIATE_VALUE', `start does not match the start of slot ${slot.id} (${slot.startText})`);
  }
  if (end !== undefined && end.getTime() !== slot.end.getTime()) {
    fail('INAPPROPRIATE_VALUE', `end does not match the end of slot ${slot.id} (${slot.endText})`);
  }
}

function checkClinician(env: ErsEnv, slot: Slot, clinicianId: string | undefined): void {
  if (clinicianId === undefined || env.fault('ers-clinician-not-checked')) return;
  if (slot.clinicianId !== clinicianId) fail('INAPPROPRIATE_SLOT', `slot ${slot.id} is not allocated to clinician ${clinicianId}`);
}

async function confirmWithPas(env: ErsEnv, referral: Referral, service: Service, slot: Slot, req: BookingRequest): Promise<AppointmentRecord> {
  // Held while the PAS is asked, so a racing attempt on the same slot cannot book it too.
  slot.state = 'held';
  let answer;
  try {
    answer = await env.pas.book(service.pas);
  } catch (err) {
    slot.state = 'free';
    throw err;
  }
  const what = `booking into slot '${slot.id}' for UBRN ${referral.ubrn}`;
  switch (answer) {
    case 'confirmed':
      return commitBooking(env, referral, slot, req);
    case 'timed-out':
      // Nothing was confirmed, so e-RS still offers the slot; the client may defer with BOOKING_ATTEMPT_PROBLEM.
      slot.state = 'free';
      return fail('PAS_NOT_RESPONDING', `the provider PAS did not answer the ${what} within ${env.pas.windowMs} ms`);
    case 'error':
      // The provider system has given the slot away.
      slot.state = env.fault('ers-pas-error-slot-still-listed') ? 'free' : 'lost';
      return fail('PAS_RESPONDED_WITH_ERROR', `the provider PAS rejected the ${what}: the slot has been taken in the provider system`);
    case 'slot-gone':
      slot.state = 'lost';
      return fail('UNABLE_TO_CONFIRM_APPOINTMENT', `the provider PAS could not confirm the ${what}: the slot is no longer available there`);
  }
}

function commitBooking(env: ErsEnv, referral: Referral, slot: Slot, req: BookingRequest): AppointmentRecord {
  // A provider whose slot list is not updated by a booking keeps offering (and selling) the slot.
  slot.state = env.fault('ers-booked-slot-still-listed') ? 'free' : 'booked';
  const clinicianId = req.clinicianId ?? slot.clinicianId;
  return storeAppointment(env, referral, 'BOOKED', {
    status: 'booked',
    serviceId: slot.serviceId,
    ...(clinicianId ? { clinicianId } : {}),
    slotId: slot.id,
    start: slot.startText,
    end: slot.endText,
  });
}

type AppointmentDetails = Omit<AppointmentRecord, 'id' | 'versionId' | 'ubrn' | 'referralVersion' | 'patientNhsNumber' | 'created'>;

/** Attach a new appointment to the referral and move the referral on to its next version and state. */
export function storeAppointment(env: ErsEnv, referral: Referral, state: Referral['state'], details: AppointmentDetails): AppointmentRecord {
  const version = referral.version + (env.fault('ers-version-not-incremented') ? 0 : VERSION_STEP);
  const record: AppointmentRecord = {
    ...details,
    // Ids are the server's choice: any FHIR id, not necessarily a number.
    id: env.liberty('ers-opaque-appointment-ids') ? opaqueId(env.world.newAppointmentId()) : env.world.newAppointmentId(),
    versionId: 1,
    ubrn: referral.ubrn,
    referralVersion: version,
    patientNhsNumber: referral.patientNhsNumber,
    // Any instant form with an offset: the API platform's examples write +00:00, the legacy ones Z.
    created: env.liberty('ers-created-with-offset') ? env.now().toISOString().replace(/Z$/, '+00:00') : env.now().toISOString(),
  };
  env.world.appointments.set(record.id, record);
  referral.version = version;
  referral.state = state;
  referral.appointmentId = record.id;
  if (details.reason && state === 'DEFERRED_TO_PROVIDER') referral.deferReason = details.reason;
  else delete referral.deferReason;
  return record;
}

/** A stable, non-numeric FHIR id derived from the sequence number (so runs stay reproducible). */
function opaqueId(sequence: string): string {
  return `appt-${createHash('sha256').update(sequence).digest('hex').slice(0, 8)}`;
}
