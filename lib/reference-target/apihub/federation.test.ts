// Each practice of the federation is its own FHIR server: its own slots, records, logical ids and base URL in
// the Location of what it books; a JWT failure is 403 and a taken slot 422 at every practice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonDate } from '../../common/london-time.ts';
import { startReferenceTarget, type RunningReference } from '../server.ts';
import { bookingBody, freeSlotQuery, gpcClient, resourcesOf, type GpcClient } from '../../testing/gpconnect.ts';
import { APIHUB_FIXTURES } from './fixtures.ts';
import { referencePack } from './index.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
let target: RunningReference;
const clientOf = (ods: string): GpcClient => gpcClient(`${target.url}/apihub/${ods}/fhir`, () => NOW);
const nhsQuery = (nhs: string) => new URLSearchParams({ identifier: `https://fhir.nhs.uk/Id/nhs-number|${nhs}` });
const tomorrow = addDays(londonDate(NOW), 1);

beforeAll(async () => {
  target = await startReferenceTarget({ modules: [referencePack], now: () => NOW });
});
afterAll(() => target.close());

describe('the federated practices', () => {
  it('find a patient only where they have a record, each with that practice\'s logical id', async () => {
    const found = async (ods: string, nhs: string) => resourcesOf((await clientOf(ods).call('find-patient', { query: nhsQuery(nhs) })).body, 'Patient').map((p) => p.id);
    expect(await found('A81002', APIHUB_FIXTURES.registeredOnlyAtA81002)).toEqual(['202']);
    expect(await found('A81001', APIHUB_FIXTURES.registeredOnlyAtA81002)).toEqual([]);
    expect(await found('A81003', APIHUB_FIXTURES.registeredEverywhere)).toEqual(['301']);
  });

  it('books at A81002 with a Location under A81002\'s own base, readable there and unknown at A81001', async () => {
    const a81002 = clientOf('A81002');
    const search = await a81002.call('search-slots', { query: freeSlotQuery(tomorrow, addDays(tomorrow, 6)) });
    const slot = resourcesOf(search.body, 'Slot')[0];
    const booked = await a81002.call('book-appointment', { body: bookingBody({ patientId: '202', slots: [slot], bundle: search.body }) });
    expect(booked.status).toBe(201);
    expect(booked.headers.location).toBe(`${a81002.baseUrl}/Appointment/${booked.body.id}/_history/${booked.body.meta.versionId}`);
    const read = await a81002.call('read-appointment', { path: new URL(booked.headers.location!).pathname.replace('/apihub/A81002/fhir', '') });
    expect(read.status).toBe(200);
    const elsewhere = await clientOf('A81001').call('read-appointment', { path: `/Appointment/${booked.body.id}/_history/${booked.body.meta.versionId}` });
    expect(elsewhere.status).toBe(404);
  });

  it('refuses a JWT failure 403 and a taken slot 422 at every practice', async () => {
    const a81003 = clientOf('A81003');
    const search = await a81003.call('search-slots', { query: freeSlotQuery(addDays(tomorrow, 7), addDays(tomorrow, 13)) });
    const slot = resourcesOf(search.body, 'Slot')[0];
    const body = bookingBody({ patientId: '301', slots: [slot], bundle: search.body });
    expect((await a81003.call('book-appointment', { body, headers: { authorization: undefined } })).status).toBe(403);
    expect((await a81003.call('book-appointment', { body })).status).toBe(201);
    expect((await a81003.call('book-appointment', { body })).status).toBe(422);
  });

  it('answers 404 for a practice it does not serve', async () => {
    expect((await clientOf('B99999').call('metadata')).status).toBe(404);
  });
});
