import { describe, expect, it } from 'vitest';
import { GPC_FIXTURES } from './fixtures.ts';
import { EXTENSION } from './profiles.ts';
import { bookFirstFree, cancellationOf, searchDay, spineCode, useGpcTarget, type GpcResponse } from '../../testing/gpconnect.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const DAY = '2026-11-24';
const PATIENT = GPC_FIXTURES.registeredPatients[1];

let clock = NOW;
const live = useGpcTarget(() => clock);

type Json = Record<string, any>;

async function booked(): Promise<{ appointment: Json; slot: Json }> {
  const { res, slot } = await bookFirstFree(live.client, DAY, { patientId: PATIENT.id });
  expect(res.status).toBe(201);
  return { appointment: res.body, slot };
}

/** A PUT with If-Match naming the body's version, another tag, or (null) no If-Match at all. */
const put = (name: 'amend-appointment' | 'cancel-appointment', body: Json, ifMatch: string | null = `W/"${body.meta.versionId}"`): Promise<GpcResponse> =>
  live.client.call(name, { path: `/Appointment/${body.id}`, body, headers: { 'if-match': ifMatch ?? undefined } });

describe('read an appointment', () => {
  it('answers 200 with the appointment, its weak ETag and Last-Modified', async () => {
    const { appointment } = await booked();
    const res = await live.client.call('read-appointment', { path: `/Appointment/${appointment.id}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(appointment);
    expect(res.headers.etag).toBe(`W/"${appointment.meta.versionId}"`);
    expect(new Date(res.headers['last-modified']!).getTime()).toBe(Date.parse(appointment.meta.lastUpdated));
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 404 with an OperationOutcome for an unknown id', async () => {
    const res = await live.client.call('read-appointment', { path: `/Appointment/${GPC_FIXTURES.unknownAppointmentId}` });
    expect(res.status).toBe(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].code).toBe('not-found');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('amend an appointment', () => {
  it('changes description and comment, with a new version', async () => {
    const { appointment } = await booked();
    const res = await put('amend-appointment', { ...appointment, description: 'Now about a sore knee', comment: 'Wheelchair access' });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('Now about a sore knee');
    expect(res.body.comment).toBe('Wheelchair access');
    expect(res.body.meta.versionId).toBe('2');
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.body.start).toBe(appointment.start);
  });

  it('refuses a change to any other element with 422 INVALID_RESOURCE', async () => {
    const { appointment } = await booked();
    for (const change of [{ start: '2026-11-24T16:00:00+00:00' }, { status: 'arrived' }, { minutesDuration: 30 }, { reason: [{ text: 'x' }] }]) {
      const res = await put('amend-appointment', { ...appointment, ...change });
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(spineCode(res)).toBe('INVALID_RESOURCE');
    }
  });

  it('requires If-Match (400) and refuses a stale one with 409', async () => {
    const { appointment } = await booked();
    const missing = await put('amend-appointment', { ...appointment, description: 'x' }, null);
    expect(missing.status).toBe(400);
    const first = await put('amend-appointment', { ...appointment, description: 'first' });
    expect(first.status).toBe(200);
    const stale = await put('amend-appointment', { ...appointment, description: 'second' });
    expect(stale.status).toBe(409);
    expect(spineCode(stale)).toBe('FHIR_CONSTRAINT_VIOLATION');
  });

  it('refuses a body id other than the URL id with 400', async () => {
    const { appointment } = await booked();
    const res = await live.client.call('amend-appointment', { path: `/Appointment/${appointment.id}`, body: { ...appointment, id: '77' }, headers: { 'if-match': 'W/"1"' } });
    expect(res.status).toBe(400);
  });

  it('answers 404 for an unknown appointment', async () => {
    const res = await live.client.call('amend-appointment', {
      path: `/Appointment/${GPC_FIXTURES.unknownAppointmentId}`,
      body: { resourceType: 'Appointment', id: GPC_FIXTURES.unknownAppointmentId },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(res.status).toBe(404);
  });

  it('refuses to amend a cancelled appointment with 422 INVALID_RESOURCE', async () => {
    const { appointment } = await booked();
    const cancelled = await put('cancel-appointment', cancellationOf(appointment));
    expect(cancelled.status).toBe(200);
    const res = await put('amend-appointment', { ...cancelled.body, description: 'still?' });
    expect(res.status).toBe(422);
    expect(spineCode(res)).toBe('INVALID_RESOURCE');
  });

  it('honours Prefer: return=minimal', async () => {
    const { appointment } = await booked();
    const res = await live.client.call('amend-appointment', {
      path: `/Appointment/${appointment.id}`,
      body: { ...appointment, description: 'minimal' },
      headers: { 'if-match': 'W/"1"', prefer: 'return=minimal' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect(res.headers.etag).toBe('W/"2"');
  });

  it('refuses to change an appointment that has started', async () => {
    const { appointment } = await booked();
    clock = new Date('2026-11-24T18:00:00Z');
    try {
      const res = await put('amend-appointment', { ...appointment, description: 'too late' });
      expect(res.status).toBe(422);
    } finally {
      clock = NOW;
    }
  });
});

describe('cancel an appointment', () => {
  it('sets status cancelled with the reason, and frees the slot', async () => {
    const { appointment, slot } = await booked();
    const res = await put('cancel-appointment', cancellationOf(appointment, 'Feeling better'));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(res.body.extension).toContainEqual({ url: EXTENSION.cancellationReason, valueString: 'Feeling better' });
    expect(res.body.meta.versionId).toBe('2');
    const { slots } = await searchDay(live.client, DAY);
    expect(slots.map((s) => s.id)).toContain(slot.id);
  });

  it('requires a cancellation reason (422 INVALID_PARAMETER)', async () => {
    const { appointment } = await booked();
    const res = await put('cancel-appointment', { ...appointment, status: 'cancelled' });
    expect(res.status).toBe(422);
    expect(spineCode(res)).toBe('INVALID_PARAMETER');
  });

  it('refuses other changes, a wrong status, a stale If-Match and a second cancellation', async () => {
    const { appointment } = await booked();
    expect((await put('cancel-appointment', { ...cancellationOf(appointment), description: 'changed' })).status).toBe(422);
    expect((await put('cancel-appointment', { ...cancellationOf(appointment), status: 'booked' })).status).toBe(422);
    expect((await put('cancel-appointment', cancellationOf(appointment), 'W/"9"')).status).toBe(409);
    const done = await put('cancel-appointment', cancellationOf(appointment));
    expect(done.status).toBe(200);
    expect((await put('cancel-appointment', cancellationOf(done.body))).status).toBe(422);
  });
});

describe("retrieve a patient's appointments", () => {
  const query = (from: string, to: string): string => `start=ge${from}&start=le${to}`;
  const retrieve = (q: string, patientId: string = PATIENT.id): Promise<GpcResponse> =>
    live.client.call('patient-appointments', { path: `/Patient/${patientId}/Appointment`, query: q });

  it('returns booked and cancelled appointments in the range', async () => {
    const { appointment } = await booked();
    await put('cancel-appointment', cancellationOf(appointment));
    const res = await retrieve(query('2026-11-20', DAY));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('searchset');
    const found = res.body.entry.map((e: Json) => e.resource);
    expect(found.every((a: Json) => a.participant.some((p: Json) => p.actor.reference === `Patient/${PATIENT.id}`))).toBe(true);
    expect(found.find((a: Json) => a.id === appointment.id)?.status).toBe('cancelled');
    expect(found.some((a: Json) => a.status === 'booked')).toBe(true);
  });

  it('leaves out appointments outside the range', async () => {
    const res = await retrieve(query('2026-11-20', '2026-11-23'));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it.each([
    ['a missing bound', 'start=ge2026-11-20'],
    ['a time component', 'start=ge2026-11-20T09:00:00%2B00:00&start=le2026-11-24'],
    ['a start in the past', query('2026-11-19', '2026-11-24')],
    ['an inverted range', query('2026-11-24', '2026-11-21')],
    ['two ge bounds', 'start=ge2026-11-20&start=ge2026-11-24'],
  ])('answers 422 INVALID_PARAMETER for %s', async (_name, q) => {
    const res = await retrieve(q);
    expect(res.status).toBe(422);
    expect(spineCode(res)).toBe('INVALID_PARAMETER');
  });

  it('answers 404 for an unknown patient', async () => {
    const res = await retrieve(query('2026-11-20', '2026-11-24'), GPC_FIXTURES.unknownPatientId);
    expect(res.status).toBe(404);
  });
});
