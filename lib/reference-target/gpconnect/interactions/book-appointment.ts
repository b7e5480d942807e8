// Book an appointment: POST /Appointment.
import type { Reply } from '../../types.ts';
import type { GpcContext } from '../context.ts';
import {
  cancellationReasons,
  checkTexts,
  declaresAppointmentProfile,
  extensionsWithUrl,
  parseReference,
  readAppointmentBody,
  storedTexts,
} from '../appointment-body.ts';
import { readBookingOrganisation, type BookingOrganisation } from '../booking-organisation.ts';
import type { Call } from '../call.ts';
import { isObject, nonBlankString, objectsIn, omit, type JsonObject } from '../../../common/json.ts';
import { badRequest, GpcError, invalidResource } from '../outcome.ts';
import { EXTENSION } from '../profiles.ts';
import { appointmentResource, slotTime, versionIdText } from '../resources.ts';
import { resourceReply, versionHeaders } from '../reply.ts';
import { wholeSeconds } from '../../../common/london-time.ts';
import type { AppointmentRec, SlotRec } from '../world-model.ts';
import { availableTo } from '../availability.ts';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PARTICIPANT_STATUSES = ['accepted', 'declined', 'tentative', 'needs-action'];
/** Elements a booking must not carry: clinical or referral detail has no place in a GP Connect booking. */
const NEVER_ON_BOOKING = ['appointmentType', 'indication', 'supportingInformation', 'incomingReferral'];
/** How long the racy provider (fault gpc-race-unguarded) takes between checking a slot and taking it. */
const UNGUARDED_WRITE_DELAY_MS = 25;

interface Participants {
  patientId: string;
  locationId: string;
  practitionerId?: string;
}

interface Booking extends Participants {
  body: JsonObject;
  slots: SlotRec[];
  organisation?: BookingOrganisation;
}

const isDateTime = (value: unknown): value is string => typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));

function checkForbiddenElements(body: JsonObject, ctx: GpcContext): void {
  const forbidden = [...NEVER_ON_BOOKING, ...(ctx.fault('gpc-reason-accepted') ? [] : ['reason', 'specialty'])];
  const present = forbidden.filter((name) => body[name] !== undefined);
  if (present.length > 0) throw invalidResource(`an appointment booking must not carry ${present.join(', ')}`);
  if (cancellationReasons(body).length > 0) throw invalidResource('a new appointment cannot carry a cancellation reason');
}

function checkExtensionValues(body: JsonObject): void {
  if (extensionsWithUrl(body, EXTENSION.practitionerRole).some((e) => !isObject(e.valueCodeableConcept))) {
    throw invalidResource('the practitioner role extension takes a valueCodeableConcept');
  }
  if (extensionsWithUrl(body, EXTENSION.deliveryChannel).some((e) => !nonBlankString(e.valueCode))) {
    throw invalidResource('the delivery channel extension takes a valueCode');
  }
}

/** Rules on the body alone, before anything is looked up. */
function checkBookingShape(body: JsonObject, call: Call): void {
  if (!declaresAppointmentProfile(body)) throw invalidResource('meta.profile must declare GPConnect-Appointment-1');
  if (body.status !== 'booked') throw invalidResource(`status must be 'booked', got ${JSON.stringify(body.status)}`);
  if (!isDateTime(body.start) || !isDateTime(body.end)) throw invalidResource('start and end are required dateTimes with an offset');
  if (!isDateTime(body.created)) throw invalidResource('created is required');
  if (objectsIn(body.identifier).some((i) => !nonBlankString(i.value))) throw invalidResource('every identifier needs a value');
  checkForbiddenElements(body, call.ctx);
  checkExtensionValues(body);
  checkTexts(body, call.ctx);
  if (body.minutesDuration !== undefined && !Number.isInteger(body.minutesDuration)) {
    throw invalidResource('minutesDuration must be a whole number of minutes');
  }
}

function readParticipants(body: JsonObject, ctx: GpcContext): Participants {
  const participants = objectsIn(body.participant);
  if (participants.length === 0) throw invalidResource('at least one participant is required');
  const actors = participants.map((p) => {
    const ref = isObject(p.actor) ? p.actor.reference : undefined;
    const parsed = parseReference(ref, ctx);
    if (!parsed) throw invalidResource(`participant actor ${JSON.stringify(ref ?? null)} must be a relative reference such as Patient/1`);
    if (!PARTICIPANT_STATUSES.includes(String(p.status))) throw invalidResource(`participant status ${JSON.stringify(p.status ?? null)} is not valid`);
    return parsed;
  });
  const idsOf = (type: string): string[] => actors.filter((a) => a.type === type).map((a) => a.id);
  const [patients, locations, practitioners] = [idsOf('Patient'), idsOf('Location'), idsOf('Practitioner')];
  if (patients.length !== 1) throw invalidResource('exactly one Patient participant is required');
  if (locations.length !== 1) throw invalidResource('exactly one Location participant is required');
  if (practitioners.length > 1) throw invalidResource('at most one Practitioner participant may be given');
  return { patientId: patients[0]!, locationId: locations[0]!, practitionerId: practitioners[0] };
}

/** Referenced resources must exist (and the patient must be registered here). */
function checkParticipantsExist(p: Participants, call: Call): void {
  const patient = call.world.patients.get(p.patientId);
  // Liberty: a Patient id that does not exist at all is the error table's REFERENCE_NOT_FOUND.
  if (!patient && call.ctx.liberty('gpc-missing-patient-reference-not-found')) {
    throw new GpcError('REFERENCE_NOT_FOUND', `Patient/${p.patientId} does not exist`);
  }
  if (!patient?.active && !call.ctx.fault('gpc-unregistered-patient-bookable')) {
    throw invalidResource(`Patient/${p.patientId} is not a patient registered at this provider`);
  }
  if (!call.world.locations.has(p.locationId)) throw invalidResource(`Location/${p.locationId} is not a valid resource`);
  if (p.practitionerId !== undefined && !call.world.practitioners.has(p.practitionerId)) {
    throw invalidResource(`Practitioner/${p.practitionerId} is not a valid resource`);
  }
}

function resolveSlots(body: JsonObject, call: Call): SlotRec[] {
  const refs = objectsIn(body.slot).map((s) => s.reference);
  if (refs.length === 0) throw invalidResource('at least one slot is required');
  const ids = refs.map((ref) => {
    const parsed = parseReference(ref, call.ctx);
    if (parsed?.type !== 'Slot') throw invalidResource(`slot reference ${JSON.stringify(ref ?? null)} must be a relative reference such as Slot/1`);
    return parsed.id;
  });
  if (new Set(ids).size !== ids.length) throw invalidResource('the same slot is referenced twice');
  return ids.map((id) => {
    const slot = call.world.slots.get(id);
    if (slot) return slot;
    if (call.ctx.fault('gpc-unknown-slot-500')) throw new GpcError('INTERNAL_SERVER_ERROR', `NullPointerException: slot ${id}`);
    // The spec's example uses REFERENCE_NOT_FOUND; national assurance expects INVALID_RESOURCE for a bad slot reference.
    throw invalidResource(`Slot/${id} does not exist`);
  }).sort((a, b) => a.start.getTime() - b.start.getTime());
}

function ensureFree(slots: SlotRec[], ctx: GpcContext): void {
  if (ctx.fault('gpc-double-booking')) return;
  const taken = slots.filter((s) => s.status !== 'free');
  if (taken.length === 0) return;
  const why = `slot ${taken.map((s) => s.id).join(', ')} is no longer free`;
  throw ctx.fault('gpc-duplicate-as-422') ? invalidResource(why) : new GpcError('DUPLICATE_REJECTED', why);
}

/** Several slots make one appointment only when they run on from each other within one schedule and service. */
function checkSlotsJoin(slots: SlotRec[], ctx: GpcContext): void {
  if (slots.some((s) => s.deliveryChannel === 'Visit') && !ctx.fault('gpc-visit-slot-bookable')) {
    throw invalidResource('home visit slots cannot be booked through GP Connect');
  }
  if (ctx.fault('gpc-non-adjacent-slots-accepted')) return;
  slots.slice(1).forEach((slot, i) => {
    const previous = slots[i]!;
    const joins =
      slot.start.getTime() === previous.end.getTime() &&
      slot.scheduleId === previous.scheduleId &&
      slot.deliveryChannel === previous.deliveryChannel &&
      slot.serviceType === previous.serviceType;
    if (!joins) throw invalidResource(`Slot/${previous.id} and Slot/${slot.id} are not adjacent slots of one schedule and service`);
  });
}

/** The participants and extensions must be the slot's own: its schedule's location, practitioner and role. */
function checkMatchesSchedule(b: Booking, call: Call): void {
  const slot = b.slots[0]!;
  const schedule = call.world.scheduleOf(slot);
  if (b.locationId !== schedule.locationId) throw invalidResource(`Location/${b.locationId} is not the location of the slot's schedule`);
  if (b.practitionerId !== undefined && b.practitionerId !== schedule.practitionerId) {
    throw invalidResource(`Practitioner/${b.practitionerId} is not the practitioner of the slot's schedule`);
  }
  checkExtensionsMatchSlot(b.body, slot, call);
  const org = b.organisation;
  if (org && b.slots.some((s) => !availableTo(s, [org.odsCode], org.orgTypes))) {
    throw invalidResource('the slot is not available to the booking organisation');
  }
}

function checkTimes(b: Booking, ctx: GpcContext): void {
  const first = b.slots[0]!;
  const last = b.slots[b.slots.length - 1]!;
  // The faulty provider compares with its own UTC rendering, not the local times its slot search offers.
  const render = (d: Date): string => (ctx.fault('gpc-booking-times-compared-in-utc') ? d.toISOString().replace('.000Z', 'Z') : slotTime(d, ctx));
  const [start, end] = [render(first.start), render(last.end)];
  // Character for character, offset included: the demonstrator's rule (its issue #218).
  if (!ctx.fault('gpc-slot-times-not-matched') && (b.body.start !== start || b.body.end !== end)) {
    throw invalidResource(`start and end must equal the slots' start ${start} and end ${end}`);
  }
  const minutes = (last.end.getTime() - first.start.getTime()) / 60_000;
  if (b.body.minutesDuration !== undefined && b.body.minutesDuration !== minutes) {
    throw invalidResource(`minutesDuration must be ${minutes}`);
  }
  // The demonstrator skips this check on create; the spec requires it, so this provider enforces it.
  if (Date.parse(String(b.body.start)) <= ctx.now().getTime() && !ctx.fault('gpc-past-start-accepted')) {
    throw invalidResource('an appointment can only be booked in the future');
  }
}

function checkExtensionsMatchSlot(body: JsonObject, slot: SlotRec, call: Call): void {
  const channel = extensionsWithUrl(body, EXTENSION.deliveryChannel)[0]?.valueCode;
  if (channel !== undefined && channel !== slot.deliveryChannel) throw invalidResource(`delivery channel ${String(channel)} is not the slot's`);
  const role = extensionsWithUrl(body, EXTENSION.practitionerRole)[0]?.valueCodeableConcept;
  const practitioner = call.world.practitioners.get(call.world.scheduleOf(slot).practitionerId)!;
  const codes = isObject(role) ? objectsIn(role.coding).map((c) => c.code) : [];
  if (codes.length > 0 && !codes.includes(practitioner.roleCode)) throw invalidResource("the practitioner role is not the schedule's");
}

function readBooking(call: Call): Booking {
  const body = readAppointmentBody(call.req);
  checkBookingShape(body, call);
  const participants = readParticipants(body, call.ctx);
  const organisation = call.ctx.fault('gpc-booking-org-not-checked') ? undefined : readBookingOrganisation(body);
  checkParticipantsExist(participants, call);
  return { body, ...participants, organisation, slots: resolveSlots(body, call) };
}

/** What the provider keeps and returns: the request as sent, with the provider's service details filled in. */
function storedAppointment(b: Booking, call: Call): Record<string, unknown> {
  const { ctx } = call;
  const schedule = call.world.scheduleOf(b.slots[0]!);
  const isPractitioner = (p: JsonObject): boolean => isObject(p.actor) && String(p.actor.reference).startsWith('Practitioner/');
  return {
    ...omit(b.body, ['resourceType', 'id', 'meta', 'description', 'comment', 'serviceCategory', 'serviceType']),
    // Faulty providers: one records new bookings as pending, one keeps the times but not the slots,
    // one stores only the patient and location participants.
    ...(ctx.fault('gpc-booked-as-pending') ? { status: 'pending' } : {}),
    ...(ctx.fault('gpc-slot-reference-dropped') ? { slot: undefined } : {}),
    ...(ctx.fault('gpc-practitioner-participant-dropped') ? { participant: objectsIn(b.body.participant).filter((p) => !isPractitioner(p)) } : {}),
    serviceCategory: { text: schedule.serviceCategory },
    serviceType: [{ text: b.slots[0]!.serviceType }],
    ...storedTexts(b.body, call.ctx),
    ...providerAdditions(b, call),
  };
}

/** A provider extension, a business identifier: a real provider may add either to what it stores (liberties). */
const PROVIDER_EXTENSION = 'https://fhir.provider.example/STU3/StructureDefinition/Extension-BookingSource-1';
const PROVIDER_APPOINTMENT_ID_SYSTEM = 'https://fhir.provider.example/Id/appointment-booking';

function providerAdditions(b: Booking, call: Call): JsonObject {
  const added: JsonObject = {};
  if (call.ctx.liberty('gpc-unknown-extensions')) {
    added.extension = [...objectsIn(b.body.extension), { url: PROVIDER_EXTENSION, valueCode: 'gp-connect' }];
  }
  if (call.ctx.liberty('gpc-appointment-identifier')) {
    const value = `BK-${b.slots[0]!.id}-${wholeSeconds(call.ctx.now()).getTime() / 1000}`;
    added.identifier = [...objectsIn(b.body.identifier), { system: PROVIDER_APPOINTMENT_ID_SYSTEM, value }];
  }
  return added;
}

/**
 * The new appointment's id: the provider's own (opaque, with a liberty). A client-supplied id is rejected
 * (the demonstrator's 400), or ignored as FHIR says (liberty); the faulty provider keeps it.
 */
function assignId(body: JsonObject, call: Call): string {
  const n = call.world.newAppointmentId();
  const own = call.ctx.liberty('gpc-opaque-ids') ? `apt-${(Number(n) * 7919).toString(36)}` : n;
  if (body.id === undefined || call.ctx.liberty('gpc-client-id-ignored')) return own;
  if (call.ctx.fault('gpc-client-id-kept') && nonBlankString(body.id)) return body.id;
  throw badRequest('an Appointment to create must not carry an id: the provider assigns it');
}

function locationHeader(a: AppointmentRec, call: Call): Record<string, string> {
  const { ctx, req } = call;
  if (ctx.fault('gpc-no-location')) return {};
  const vid = versionIdText(a.version, ctx);
  if (ctx.fault('gpc-location-relative')) return { location: `Appointment/${a.id}/_history/${vid}` };
  if (ctx.fault('gpc-location-without-history')) return { location: `${req.baseUrl}/Appointment/${a.id}` };
  return { location: `${req.baseUrl}/Appointment/${a.id}/_history/${vid}` };
}

/** Takes the slots and stores the appointment. Runs without yielding, so no other booking can interleave. */
function commitBooking(b: Booking, call: Call): Reply {
  const id = assignId(b.body, call);
  const now = wholeSeconds(call.ctx.now());
  for (const slot of b.slots) {
    slot.status = 'busy';
    slot.version += 1;
    slot.lastUpdated = now;
  }
  const appointment: AppointmentRec = {
    id,
    version: 1,
    lastUpdated: now,
    resource: storedAppointment(b, call),
    slotIds: b.slots.map((s) => s.id),
    patientId: b.patientId,
  };
  call.world.appointments.set(appointment.id, appointment);
  const headers = { ...locationHeader(appointment, call), ...versionHeaders(appointment, call.ctx) };
  // The faulty provider answers a create as if it were an update.
  const status = call.ctx.fault('gpc-create-answers-200') ? 200 : 201;
  return resourceReply(status, appointmentResource(appointment, call.ctx), headers, call);
}

async function racyBooking(b: Booking, call: Call): Promise<Reply> {
  ensureFree(b.slots, call.ctx);
  await new Promise((resolve) => setTimeout(resolve, UNGUARDED_WRITE_DELAY_MS));
  return commitBooking(b, call);
}

export function bookAppointment(call: Call): Reply | Promise<Reply> {
  const booking = readBooking(call);
  checkSlotsJoin(booking.slots, call.ctx);
  checkMatchesSchedule(booking, call);
  checkTimes(booking, call.ctx);
  if (call.ctx.fault('gpc-race-unguarded')) return racyBooking(booking, call);
  ensureFree(booking.slots, call.ctx);
  return commitBooking(booking, call);
}
