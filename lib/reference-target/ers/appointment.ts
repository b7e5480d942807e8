// Reading an A016 Appointment request (shared by book and defer) and rendering a stored appointment.

import type { ErsEnv } from './env.ts';
import { fail } from './outcome.ts';
import { APPOINTMENT_DESCRIPTION, CODE_SYSTEMS, IDENTIFIER_SYSTEMS, PROFILES } from './systems.ts';
import { withoutOffset } from '../../common/london-time.ts';
import { isObject, type JsonObject } from '../../common/json.ts';
import type { AppointmentRecord } from './world.ts';

export interface AppointmentRequest {
  status: 'booked' | 'proposed';
  ubrn: string;
  version: number;
  serviceId: string;
  patientNhsNumber?: string;
  clinicianId?: string;
  slotId?: string;
  start?: string;
  end?: string;
  reason?: { system?: string; code?: string };
  comment?: string;
}

/** STU3 AppointmentStatus codes: anything else is not a code at all (INVALID_CODE). */
const APPOINTMENT_STATUS_CODES = new Set(['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error']);
/** STU3 ParticipationStatus codes. */
const PARTICIPATION_STATUS_CODES = new Set(['accepted', 'declined', 'tentative', 'needs-action']);
const ALLOWED_PROFILES = new Set<string>([PROFILES.ersAppointment, PROFILES.careConnectAppointment]);
const REFERRAL_REFERENCE = /^ReferralRequest\/(\d{12})\/_history\/(\d+)$/;
const SLOT_REFERENCE = /^Slot\/(\S+)$/;

export function parseAppointmentRequest(env: ErsEnv, body: unknown): AppointmentRequest {
  if (!isObject(body)) fail('INVALID_VALUE', 'the request body must be a FHIR Appointment');
  if (body['resourceType'] !== 'Appointment') fail('INVALID_VALUE', `resourceType must be Appointment, not ${String(body['resourceType'])}`);
  checkProfiles(body['meta']);
  if (body['language'] !== undefined && body['language'] !== 'en') fail('INVALID_VALUE', "language must be 'en'");
  const status = readStatus(body['status']);
  readDescription(body['description']);
  const { ubrn, version } = readIncomingReferral(body['incomingReferral']);
  const participants = readParticipants(env, body['participant']);
  const slotId = readSlot(body['slot']);
  const comment = body['comment'];
  if (comment !== undefined && comment !== null && typeof comment !== 'string') fail('INVALID_VALUE', 'comment must be a string');
  return {
    status,
    ubrn,
    version,
    ...participants,
    ...(slotId !== undefined ? { slotId } : {}),
    ...optionalString('start', body['start']),
    ...optionalString('end', body['end']),
    ...readReason(body['reason']),
    ...(typeof comment === 'string' ? { comment } : {}),
  };
}

function checkProfiles(meta: unknown): void {
  if (meta === undefined) return;
  const profiles = isObject(meta) ? meta['profile'] : undefined;
  if (profiles === undefined) return;
  if (!Array.isArray(profiles) || profiles.some((p) => typeof p !== 'string' || !ALLOWED_PROFILES.has(p))) {
    fail('INVALID_VALUE', 'meta.profile may only name the CareConnect-Appointment-1 and eRS-Appointment-1 profiles');
  }
}

function readStatus(status: unknown): 'booked' | 'proposed' {
  if (status === undefined || status === null || status === '') fail('MISSING_VALUE', 'status is mandatory');
  if (typeof status !== 'string' || !APPOINTMENT_STATUS_CODES.has(status)) fail('INVALID_CODE', `status '${String(status)}' is not an AppointmentStatus code`);
  if (status !== 'booked' && status !== 'proposed') {
    fail('INVALID_VALUE', `status '${status}' cannot be created here: send booked to book or proposed to defer`);
  }
  return status;
}

function readDescription(description: unknown): void {
  if (description === undefined || description === null || description === '') fail('MISSING_VALUE', 'description is mandatory');
  if (description !== APPOINTMENT_DESCRIPTION) fail('INVALID_VALUE', `description must be '${APPOINTMENT_DESCRIPTION}'`);
}

function readIncomingReferral(value: unknown): { ubrn: string; version: number } {
  const first = Array.isArray(value) ? value[0] : undefined;
  const reference = isObject(first) ? first['reference'] : undefined;
  if (typeof reference !== 'string' || reference === '') fail('MISSING_VALUE', 'incomingReferral[0].reference is mandatory');
  if (Array.isArray(value) && value.length > 1) fail('INVALID_VALUE', 'only one incomingReferral may be given');
  const m = REFERRAL_REFERENCE.exec(reference);
  if (!m) fail('INVALID_VALUE', `incomingReferral[0].reference '${reference}' must be ReferralRequest/{12-digit UBRN}/_history/{version}`);
  return { ubrn: m[1] ?? '', version: Number(m[2]) };
}

interface Participants {
  serviceId: string;
  patientNhsNumber?: string;
  clinicianId?: string;
}

function readParticipants(env: ErsEnv, value: unknown): Participants {
  if (!Array.isArray(value) || value.length === 0) fail('MISSING_VALUE', 'participant is mandatory (at least the service)');
  if (value.length > 3) fail('INVALID_VALUE', 'at most three participants (service, patient, clinician) may be given');
  const found: Partial<Record<'service' | 'patient' | 'clinician', string>> = {};
  value.forEach((p: unknown, i: number) => {
    const identifier = isObject(p) && isObject(p['actor']) ? p['actor']['identifier'] : undefined;
    if (!isObject(identifier)) fail('MISSING_VALUE', `participant[${i}].actor.identifier is mandatory`);
    readParticipantStatus(isObject(p) ? p['status'] : undefined, i);
    const role = roleOf(identifier['system'], i);
    const idValue = identifier['value'];
    // The legacy book example sends a clinician participant whose value is null: that means "no clinician".
    if (idValue === null || idValue === undefined || idValue === '') {
      if (role === 'clinician' && !(idValue === null && env.fault('ers-null-clinician-rejected'))) return;
      fail('MISSING_VALUE', `participant[${i}].actor.identifier.value is mandatory`);
    }
    if (typeof idValue !== 'string') fail('INVALID_VALUE', `participant[${i}].actor.identifier.value must be a string`);
    if (found[role] !== undefined) fail('INVALID_VALUE', `more than one ${role} participant`);
    found[role] = idValue;
  });
  if (found.service === undefined) fail('MISSING_VALUE', `a participant identifying the service (${IDENTIFIER_SYSTEMS.ersService}) is mandatory`);
  return {
    serviceId: found.service,
    ...(found.patient !== undefined ? { patientNhsNumber: found.patient } : {}),
    ...(found.clinician !== undefined ? { clinicianId: found.clinician } : {}),
  };
}

function roleOf(system: unknown, i: number): 'service' | 'patient' | 'clinician' {
  if (system === IDENTIFIER_SYSTEMS.ersService) return 'service';
  if (system === IDENTIFIER_SYSTEMS.nhsNumber) return 'patient';
  if (system === IDENTIFIER_SYSTEMS.sdsUserId) return 'clinician';
  return fail('INVALID_VALUE', `participant[${i}].actor.identifier.system '${String(system)}' is not a service, patient or clinician identifier system`);
}

function readParticipantStatus(status: unknown, i: number): void {
  if (status === undefined || status === null || status === '') fail('MISSING_VALUE', `participant[${i}].status is mandatory`);
  if (typeof status !== 'string' || !PARTICIPATION_STATUS_CODES.has(status)) fail('INVALID_CODE', `participant[${i}].status '${String(status)}' is not a ParticipationStatus code`);
  if (status !== 'accepted') fail('INVALID_VALUE', `participant[${i}].status must be accepted`);
}

function readSlot(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail('INVALID_VALUE', 'slot must be a list of references');
  if (value.length === 0) return undefined;
  if (value.length > 1) fail('INVALID_VALUE', 'only one slot may be referenced');
  const reference = isObject(value[0]) ? value[0]['reference'] : undefined;
  if (typeof reference !== 'string' || reference === '') fail('MISSING_VALUE', 'slot[0].reference is mandatory when slot is given');
  const m = SLOT_REFERENCE.exec(reference);
  if (!m) fail('INVALID_VALUE', `slot[0].reference '${reference}' must be Slot/{id}`);
  return m[1];
}

function readReason(value: unknown): { reason?: { system?: string; code?: string } } {
  if (value === undefined || value === null) return {};
  const first = Array.isArray(value) ? value[0] : undefined;
  const coding = isObject(first) && Array.isArray(first['coding']) ? first['coding'][0] : undefined;
  if (!isObject(coding)) fail('MISSING_VALUE', 'reason[0].coding[0] is mandatory when reason is given');
  return {
    reason: {
      ...(typeof coding['system'] === 'string' ? { system: coding['system'] } : {}),
      ...(typeof coding['code'] === 'string' ? { code: coding['code'] } : {}),
    },
  };
}

function optionalString(name: 'start' | 'end', value: unknown): Partial<Record<'start' | 'end', string>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') fail('INVALID_VALUE', `${name} must be a dateTime string`);
  return { [name]: value };
}

const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A dateTime with a zone, as an instant; clients may write the same instant as Z or with an offset. */
export function parseInstant(name: string, text: string): Date {
  if (!DATE_TIME_WITH_ZONE.test(text) || Number.isNaN(Date.parse(text))) {
    fail('INVALID_VALUE', `${name} '${text}' is not a dateTime with a time zone`);
  }
  return new Date(text);
}

/** An extension no e-RS client knows (used by the ers-unknown-extensions liberty). */
const UNKNOWN_EXTENSION_URL = 'https://reference-provider.example.org/fhir/StructureDefinition/booking-channel';

/** The Appointment as e-RS returns it: server id and version, both profiles, created, service display. */
export function renderAppointment(env: ErsEnv, record: AppointmentRecord): JsonObject {
  const service = env.world.service(record.serviceId);
  const participant: JsonObject[] = [
    {
      actor: {
        identifier: { system: IDENTIFIER_SYSTEMS.ersService, value: record.serviceId },
        ...(service && !env.fault('ers-service-display-not-added') ? { display: service.name } : {}),
      },
      status: 'accepted',
    },
    { actor: { identifier: { system: IDENTIFIER_SYSTEMS.nhsNumber, value: record.patientNhsNumber } }, status: 'accepted' },
  ];
  if (record.clinicianId) {
    participant.push({
      type: { coding: [{ system: CODE_SYSTEMS.participantType, code: 'CON' }] },
      actor: { identifier: { system: IDENTIFIER_SYSTEMS.sdsUserId, value: record.clinicianId } },
      status: 'accepted',
    });
  }
  // A deferral never shows the slot the client named; only a fault leaks it back.
  const leakedSlot = record.status === 'proposed' && record.submittedSlotId && env.fault('ers-slot-returned-on-defer') ? record.submittedSlotId : undefined;
  const slotId = record.slotId ?? leakedSlot;
  const meta: JsonObject = { profile: [PROFILES.ersAppointment, PROFILES.careConnectAppointment] };
  if (!env.fault('ers-appointment-no-version-id')) meta['versionId'] = String(record.versionId);
  return {
    resourceType: 'Appointment',
    id: record.id,
    meta,
    // FHIR lets any resource carry extensions its reader may not know (and may ignore).
    ...(env.liberty('ers-unknown-extensions') ? { extension: [{ url: UNKNOWN_EXTENSION_URL, valueString: 'booked through the reference provider' }] } : {}),
    language: 'en',
    status: record.status,
    ...(record.reason ? { reason: [{ coding: [{ system: CODE_SYSTEMS.reviewReason, code: record.reason }] }] } : {}),
    description: APPOINTMENT_DESCRIPTION,
    ...appointmentTimes(env, record),
    ...(slotId ? { slot: [{ reference: `Slot/${slotId}` }] } : {}),
    created: record.created,
    ...(record.comment !== undefined ? { comment: record.comment } : {}),
    incomingReferral: [{ reference: `ReferralRequest/${record.ubrn}/_history/${record.referralVersion}` }],
    participant,
  };
}

function appointmentTimes(env: ErsEnv, record: AppointmentRecord): Partial<Record<'start' | 'end', string>> {
  const shown = (t: string) => (env.fault('ers-appointment-times-without-offset') ? withoutOffset(t) : t);
  return { ...(record.start ? { start: shown(record.start) } : {}), ...(record.end ? { end: shown(record.end) } : {}) };
}
