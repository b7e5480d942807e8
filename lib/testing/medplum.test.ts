// The Medplum harness itself, over HTTP: the adapter passes requests to the router and its answers
// back as Medplum's server would (status, ETag, Last-Modified, Location, body), and the seeded
// world is there to search. The pack's run against it is lib/runner/third-party.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedplum, type MedplumServer } from './medplum.ts';
import { PATIENT_COUNT, SLOT_DAYS, SLOTS_PER_DAY, seedBookingWorld, type BookingWorld } from './medplum-world.ts';

let server: MedplumServer;
let world: BookingWorld;

beforeAll(async () => {
  server = await startMedplum();
  world = await seedBookingWorld(server, new Date('2026-12-02T10:00:00Z'));
}, 20_000);
afterAll(() => server.close());

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

async function fhir(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.base}${path}`, { method, headers: { ...FHIR_JSON, ...headers }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

describe('Medplum in-memory server behind the loopback adapter', () => {
  it('creates a Slot: 201, Location [base]/Slot/[id], ETag W/"versionId", Last-Modified from meta.lastUpdated', async () => {
    const created = await fhir('POST', '/Slot', { resourceType: 'Slot', schedule: { reference: `Schedule/${world.schedule}` }, status: 'free', start: '2027-01-04T09:00:00Z', end: '2027-01-04T09:15:00Z' });
    expect(created.status).toBe(201);
    const { id, meta } = created.body;
    expect(created.headers.get('location')).toBe(`${server.base}/Slot/${id}`);
    expect(created.headers.get('etag')).toBe(`W/"${meta.versionId}"`);
    expect(created.headers.get('last-modified')).toBe(new Date(meta.lastUpdated).toUTCString());
    expect(created.headers.get('content-type')).toBe('application/fhir+json');

    const read = await fhir('GET', `/Slot/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('location')).toBeNull();
    const vread = await fhir('GET', `/Slot/${id}/_history/${meta.versionId}`);
    expect(vread.body).toEqual(created.body);
  });

  it('finds the seeded free slots, not the busy ones', async () => {
    const found = await fhir('GET', `/Slot?schedule=Schedule/${world.schedule}&status=free&start=ge${world.window.start}&start=lt${world.window.end}&_count=100`);
    expect(found.status).toBe(200);
    expect(found.body.type).toBe('searchset');
    const ids = (found.body.entry ?? []).map((e: any) => e.resource.id).sort();
    expect(ids).toEqual([...world.freeSlots].sort());
    expect(world.freeSlots).toHaveLength(SLOT_DAYS * SLOTS_PER_DAY);
    expect(world.patients).toHaveLength(PATIENT_COUNT);
  });

  it('sends no body for Prefer: return=minimal, keeping the status and headers', async () => {
    const res = await fetch(`${server.base}/Patient`, { method: 'POST', headers: { ...FHIR_JSON, prefer: 'return=minimal' }, body: JSON.stringify({ resourceType: 'Patient' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${server.base}/Patient/[^/]+$`));
    expect(res.headers.get('etag')).toMatch(/^W\/"[^"]+"$/);
    expect(await res.text()).toBe('');
  });

  it('answers an unknown id with 404 and an OperationOutcome, a body that is not JSON with 400', async () => {
    const missing = await fhir('GET', '/Slot/no-such-slot');
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
    const garbled = await fhir('POST', '/Appointment', '{"resourceType": "Appointment", ');
    expect(garbled.status).toBe(400);
    expect(garbled.body.resourceType).toBe('OperationOutcome');
  });

  it('passes If-Match to the router: a stale weak ETag is refused with 412', async () => {
    const patient = (await fhir('GET', `/Patient/${world.patients[0]}`)).body;
    const stale = await fhir('PUT', `/Patient/${patient.id}`, { ...patient, active: false }, { 'if-match': 'W/"not-the-version"' });
    expect(stale.status).toBe(412);
    const current = await fhir('PUT', `/Patient/${patient.id}`, { ...patient, active: false }, { 'if-match': `W/"${patient.meta.versionId}"` });
    expect(current.status).toBe(200);
    expect(current.body.meta.versionId).not.toBe(patient.meta.versionId);
  });

  it('serves the CapabilityStatement of Medplum\'s server: R4, versioning versioned, conditional create', async () => {
    const cs = await fhir('GET', '/metadata');
    expect(cs.status).toBe(200);
    expect(cs.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    const appointment = cs.body.rest[0].resource.find((r: any) => r.type === 'Appointment');
    expect(appointment).toMatchObject({ versioning: 'versioned', conditionalCreate: true });
    expect(appointment.searchParam.map((p: any) => p.name)).toEqual(expect.arrayContaining(['identifier', 'patient']));
  });
});

// What Medplum does that fhir-rest-booking does not reach (README, "Against a real server"), held here so a
// new Medplum version that changes it is noticed.
describe('Medplum behaviour the pack does not judge', () => {
  it('applies an update whose If-Match names an old version unquoted: the router reads only a quoted value', async () => {
    const patient = (await fhir('GET', `/Patient/${world.patients[2]}`)).body;
    const first = await fhir('PUT', `/Patient/${patient.id}`, { ...patient, gender: 'female' }, { 'if-match': `W/"${patient.meta.versionId}"` });
    expect(first.status).toBe(200);
    const stale = await fhir('PUT', `/Patient/${patient.id}`, { ...first.body, gender: 'male' }, { 'if-match': patient.meta.versionId });
    expect(stale.status).toBe(200);
    expect((await fhir('GET', `/Patient/${patient.id}`)).body.gender).toBe('male');
  });

  it('keeps the id a client puts in a create (the in-memory repository does not assign its own)', async () => {
    const created = await fhir('POST', '/Patient', { resourceType: 'Patient', id: 'chosen-by-client' });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe('chosen-by-client');
  });

  it('matches a patient search only by the typed reference (Patient/[id]), not the bare id', async () => {
    const slot = world.freeSlots[world.freeSlots.length - 1];
    await fhir('POST', '/Appointment', { resourceType: 'Appointment', status: 'booked', slot: [{ reference: `Slot/${slot}` }], participant: [{ actor: { reference: `Patient/${world.patients[3]}` }, status: 'accepted' }] });
    expect((await fhir('GET', `/Appointment?patient=Patient/${world.patients[3]}`)).body.total).toBe(1);
    expect((await fhir('GET', `/Appointment?patient=${world.patients[3]}`)).body.total).toBe(0);
  });

  it('answers GET /metadata on the bare router with an empty searchset (it has no capabilities route)', async () => {
    const bare = await startMedplum({ capabilities: 'router-only' });
    try {
      const res = await fetch(`${bare.base}/metadata`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 0 });
    } finally {
      await bare.close();
    }
  });
});
