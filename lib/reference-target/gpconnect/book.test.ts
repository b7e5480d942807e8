import { describe, expect, it } from 'vitest';
import { GPC_FIXTURES } from './fixtures.ts';
import { EXTENSION, PROFILE } from './profiles.ts';
import { bookFirstFree, bookingBody, searchDay, startGpcTarget, useGpcTarget } from '../../testing/gpconnect.ts';

const NOW = new Date('2026-11-20T10:00:00Z'); // a Friday
const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';
const PATIENT = GPC_FIXTURES.registeredPatients[0].id;

let clock = NOW;
const live = useGpcTarget(() => clock);

describe('book an appointment (faithful)', () => {
  it('answers 201 with Location, ETag, Last-Modified, Cache-Control and the stored Appointment', async () => {
    const { res, body, slot } = await bookFirstFree(live.client, MONDAY, { comment: 'Please use the side entrance' });
    expect(res.status).toBe(201);
    const a = res.body;
    expect(a.resourceType).toBe('Appointment');
    expect(a.meta.profile).toEqual([PROFILE.appointment]);
    expect(a.meta.versionId).toBe('1');
    expect(res.headers.location).toBe(`${live.client.baseUrl}/Appointment/${a.id}/_history/${a.meta.versionId}`);
    expect(res.headers.etag).toBe(`W/"${a.meta.versionId}"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(new Date(res.headers['last-modified']!).getTime()).toBe(Date.parse(a.meta.lastUpdated));
    expect(a.status).toBe('booked');
    expect(a.start).toBe(slot.start);
    expect(a.end).toBe(slot.end);
    expect(a.slot).toEqual([{ reference: `Slot/${slot.id}` }]);
    expect(a.description).toBe(body.description);
    expect(a.comment).toBe('Please use the side entrance');
    expect(a.serviceType[0].text).toBe(slot.serviceType[0].text);
    expect(a.reason).toBeUndefined();
    expect(a.specialty).toBeUndefined();
  });

  it('invents no comment when none was sent, and keeps 100/500 character texts whole', async () => {
    const { res } = await bookFirstFree(live.client, MONDAY);
    expect(res.status).toBe(201);
    expect(res.body.comment).toBeUndefined();
    const long = await bookFirstFree(live.client, MONDAY, { description: 'd'.repeat(100), comment: 'c'.repeat(500) });
    expect(long.res.status).toBe(201);
    expect(long.res.body.description).toBe('d'.repeat(100));
    expect(long.res.body.comment).toBe('c'.repeat(500));
  });

  it('marks the slot busy: it is no longer offered', async () => {
    const { res, slot } = await bookFirstFree(live.client, MONDAY);
    expect(res.status).toBe(201);
    const { slots } = await searchDay(live.client, MONDAY);
    expect(slots.map((s) => s.id)).not.toContain(slot.id);
  });

  it('answers 409 DUPLICATE_REJECTED for a slot that is no longer free', async () => {
    const { res, body } = await bookFirstFree(live.client, MONDAY);
    expect(res.status).toBe(201);
    const again = await live.client.call('book-appointment', { body });
    expect(again.status).toBe(409);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.body.issue[0].details.coding[0]).toMatchObject({
      system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1',
      code: 'DUPLICATE_REJECTED',
    });
  });

  it('books a slot exactly once when ten bookings race for it', async () => {
    const { bundle, slots } = await searchDay(live.client, TUESDAY);
    const body = bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle });
    const results = await Promise.all(Array.from({ length: 10 }, () => live.client.call('book-appointment', { body })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  });

  it('books two adjacent slots of one schedule as one appointment', async () => {
    const { bundle, slots } = await searchDay(live.client, TUESDAY);
    const pair = slots.slice(0, -1).map((s, i) => [s, slots[i + 1]]).find(([a, b]) => a.end === b.start && a.schedule.reference === b.schedule.reference)!;
    const res = await live.client.call('book-appointment', { body: bookingBody({ patientId: PATIENT, slots: pair, bundle }) });
    expect(res.status).toBe(201);
    expect(res.body.start).toBe(pair[0].start);
    expect(res.body.end).toBe(pair[1].end);
  });

  it('honours Prefer: return=minimal with headers and no body', async () => {
    const { bundle, slots } = await searchDay(live.client, TUESDAY);
    const res = await live.client.call('book-appointment', {
      body: bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle }),
      headers: { prefer: 'return=minimal' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toBeUndefined();
    expect(res.headers.location).toMatch(/\/Appointment\/\d+\/_history\/1$/);
    expect(res.headers.etag).toBe('W/"1"');
  });

  it('rejects a client-supplied id with 400 BAD_REQUEST', async () => {
    const { bundle, slots } = await searchDay(live.client, TUESDAY);
    const res = await live.client.call('book-appointment', { body: { ...bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle }), id: '42' } });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].details.coding[0].code).toBe('BAD_REQUEST');
  });
});

type Body = Record<string, any>;
const participantsOf = (b: Body, keep: (ref: string) => boolean): Body[] => b.participant.filter((p: Body) => keep(p.actor.reference));

// One valid booking, one change each: every change must be refused with 422 INVALID_RESOURCE.
const INVALID_BOOKINGS: Array<[string, (b: Body, ctx: { slots: Body[]; bundle: Body }) => Body]> = [
  ['no meta.profile', (b) => ({ ...b, meta: undefined })],
  ['status proposed', (b) => ({ ...b, status: 'proposed' })],
  ['no start', (b) => ({ ...b, start: undefined })],
  ['no end', (b) => ({ ...b, end: undefined })],
  ['no created', (b) => ({ ...b, created: undefined })],
  ['no slot', (b) => ({ ...b, slot: [] })],
  ['no participants', (b) => ({ ...b, participant: [] })],
  ['no patient participant', (b) => ({ ...b, participant: participantsOf(b, (r) => !r.startsWith('Patient/')) })],
  ['no location participant', (b) => ({ ...b, participant: participantsOf(b, (r) => !r.startsWith('Location/')) })],
  ['a participant without actor', (b) => ({ ...b, participant: [...b.participant, { status: 'accepted' }] })],
  ['a participant with a bad status', (b) => ({ ...b, participant: b.participant.map((p: Body) => ({ ...p, status: 'maybe' })) })],
  ['reason', (b) => ({ ...b, reason: [{ text: 'Chest pain' }] })],
  ['specialty', (b) => ({ ...b, specialty: [{ text: 'General practice' }] })],
  ['appointmentType', (b) => ({ ...b, appointmentType: { text: 'Routine' } })],
  ['a cancellation reason', (b) => ({ ...b, extension: [...b.extension, { url: EXTENSION.cancellationReason, valueString: 'x' }] })],
  ['an identifier without value', (b) => ({ ...b, identifier: [{ system: 'https://consumer.example.nhs.uk/Id/booking' }] })],
  ['no description', (b) => ({ ...b, description: undefined })],
  ['a 101 character description', (b) => ({ ...b, description: 'x'.repeat(101) })],
  ['a 501 character comment', (b) => ({ ...b, comment: 'x'.repeat(501) })],
  ['start one minute off the slot', (b) => ({ ...b, start: b.start.replace(':00+', ':01+') })],
  ['start as the same instant in UTC', (b) => ({ ...b, start: new Date(b.start).toISOString().replace('.000Z', 'Z') })],
  ['an unknown slot', (b) => ({ ...b, slot: [{ reference: `Slot/${GPC_FIXTURES.unknownSlotId}` }] })],
  ['an absolute patient reference', (b) => ({ ...b, participant: b.participant.map((p: Body) => (p.actor.reference.startsWith('Patient/') ? { ...p, actor: { reference: `https://example.org/fhir/${p.actor.reference}` } } : p)) })],
  ['a patient who is not registered', (b) => ({ ...b, participant: b.participant.map((p: Body) => (p.actor.reference.startsWith('Patient/') ? { ...p, actor: { reference: `Patient/${GPC_FIXTURES.unknownPatientId}` } } : p)) })],
  ['an inactive patient', (b) => ({ ...b, participant: b.participant.map((p: Body) => (p.actor.reference.startsWith('Patient/') ? { ...p, actor: { reference: `Patient/${GPC_FIXTURES.inactivePatient.id}` } } : p)) })],
  ['a location other than the schedule\'s', (b) => ({ ...b, participant: b.participant.map((p: Body) => (p.actor.reference.startsWith('Location/') ? { ...p, actor: { reference: 'Location/6' } } : p)) })],
  ['a practitioner other than the schedule\'s', (b) => ({ ...b, participant: b.participant.map((p: Body) => (p.actor.reference.startsWith('Practitioner/') ? { ...p, actor: { reference: 'Practitioner/9' } } : p)) })],
  ['a delivery channel other than the slot\'s', (b) => ({ ...b, extension: [...b.extension, { url: EXTENSION.deliveryChannel, valueCode: 'Video' }] })],
  ['a delivery channel that is not a code', (b) => ({ ...b, extension: [...b.extension, { url: EXTENSION.deliveryChannel, valueString: 'In-person' }] })],
  ['a practitioner role other than the schedule\'s', (b) => ({ ...b, extension: [...b.extension, { url: EXTENSION.practitionerRole, valueCodeableConcept: { coding: [{ code: 'R9999' }] } }] })],
  ['a booking organisation type outside the org type code system', (b) => ({ ...b, contained: [{ ...b.contained[0], type: [{ coding: [{ system: 'https://example.org/types', code: 'gp-practice' }] }] }] })],
  ['no booking organisation extension', (b) => ({ ...b, extension: [] })],
  ['a booking organisation reference that is not contained', (b) => ({ ...b, extension: [{ url: EXTENSION.bookingOrganisation, valueReference: { reference: 'Organization/1' } }] })],
  ['a booking organisation without a phone', (b) => ({ ...b, contained: [{ ...b.contained[0], telecom: undefined }] })],
  ['a booking organisation without an ODS code', (b) => ({ ...b, contained: [{ ...b.contained[0], identifier: [] }] })],
  ['a booking organisation without its profile', (b) => ({ ...b, contained: [{ ...b.contained[0], meta: undefined }] })],
  ['two slots that are not adjacent', (b, { slots }) => {
    const [first, , third] = slots;
    return { ...b, slot: [{ reference: `Slot/${first!.id}` }, { reference: `Slot/${third!.id}` }], end: third!.end };
  }],
  ['a resource that is not an Appointment', (b) => ({ ...b, resourceType: 'Patient' })],
];

describe('book an appointment: 422 INVALID_RESOURCE for a body that breaks a rule', () => {
  it.each(INVALID_BOOKINGS)('%s', async (_name, mutate) => {
    const { bundle, slots } = await searchDay(live.client, '2026-11-25');
    const sameSchedule = slots.filter((s) => s.schedule.reference === slots[0].schedule.reference && s.extension[0].valueCode === 'In-person');
    const valid = bookingBody({ patientId: PATIENT, slots: [sameSchedule[0]], bundle });
    const res = await live.client.call('book-appointment', { body: mutate(valid, { slots: sameSchedule, bundle }) });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.issue[0].details.coding[0].code).toBe('INVALID_RESOURCE');
    expect(res.body.issue[0].diagnostics).toBeTruthy();
  });

  it('refuses a start in the past', async () => {
    const { bundle, slots } = await searchDay(live.client, MONDAY);
    const body = bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle });
    clock = new Date('2026-11-23T12:00:00Z'); // time moves past the slot before the booking arrives
    try {
      const res = await live.client.call('book-appointment', { body });
      expect(res.status).toBe(422);
      expect(res.body.issue[0].diagnostics).toMatch(/future/);
    } finally {
      clock = NOW;
    }
  });

  it('refuses a slot held for another organisation type', async () => {
    const { bundle, slots } = await searchDay(live.client, '2026-11-25', { searchFilter: `${GPC_FIXTURES.orgTypeSystem}|urgent-care` });
    const held = slots.find((s) => s.start.slice(11, 16) === GPC_FIXTURES.slotRules.orgTypeHeldSlotTime)!;
    const asPractice = bookingBody({ patientId: PATIENT, slots: [held], bundle });
    (asPractice.contained as Body[])[0]!.type = [{ coding: [{ system: GPC_FIXTURES.orgTypeSystem, code: 'gp-practice' }] }];
    const refused = await live.client.call('book-appointment', { body: asPractice });
    expect(refused.status).toBe(422);
    expect(refused.body.issue[0].diagnostics).toMatch(/not available to the booking organisation/);
    const asUrgentCare = bookingBody({ patientId: PATIENT, slots: [held], bundle });
    expect((await live.client.call('book-appointment', { body: asUrgentCare })).status).toBe(201);
  });

  it('refuses a home visit slot', async () => {
    const visit = await startGpcTarget({ now: () => NOW, faults: ['gpc-visit-slots-offered'] });
    try {
      const { bundle, slots } = await searchDay(visit.client, '2026-11-25');
      const homeVisit = slots.find((s) => s.extension[0].valueCode === 'Visit');
      const body = bookingBody({ patientId: PATIENT, slots: [homeVisit], bundle });
      // The faithful provider never offers it, but a consumer may still send its id.
      const res = await live.client.call('book-appointment', { body });
      expect(res.status).toBe(422);
      expect(res.body.issue[0].diagnostics).toMatch(/visit/);
    } finally {
      await visit.close();
    }
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await live.client.call('book-appointment', { body: '{"resourceType": "Appointment",' });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].details.coding[0].code).toBe('BAD_REQUEST');
  });
});
