// The CareConnect provider's booking rules, straight through its handler (no HTTP): what seed 002 makes
// mandatory, the 422 DUPLICATE_REJECTED of a slot no longer free, atomicity, and the world's slot pools.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileRegistry } from '../../profiles/registry.ts';
import { PROJECT_ROOT } from '../../session/paths.ts';
import type { PackHandler, RefResponse } from '../types.ts';
import { CC_FIXTURES, referencePack } from './index.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
const BASE = 'http://127.0.0.1:1/careconnect/fhir';
const JWT = `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"iss":"test"}').toString('base64url')}.`;
const profiles = new ProfileRegistry(join(PROJECT_ROOT, 'profiles'));

function provider(opts: { faults?: string[]; liberties?: string[] } = {}): PackHandler {
  return referencePack.create({ faults: new Set(opts.faults), liberties: new Set(opts.liberties), now: () => NOW, seed: 1, options: {} });
}

async function send(p: PackHandler, method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: JWT }): Promise<RefResponse & { json: any }> {
  const [route = '', query = ''] = path.split('?');
  const rawBody = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await p.handle({ pack: CC_FIXTURES.pack, method, path: route, query: new URLSearchParams(query), headers, rawBody, baseUrl: BASE });
  return { ...res, json: res.body };
}

const slotId = (n: number): string => String(CC_FIXTURES.freeSlots.from + n);
const busySlotId = String(CC_FIXTURES.busySlots.from);

async function bookingFor(p: PackHandler, ids: string[]): Promise<Record<string, unknown>> {
  const slots = await Promise.all(ids.map(async (id) => (await send(p, 'GET', `/Slot/${id}`)).json));
  return {
    resourceType: 'Appointment',
    meta: { profile: ['https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1'] },
    status: 'booked',
    start: slots[0].start,
    end: slots[slots.length - 1].end,
    slot: ids.map((id) => ({ reference: `Slot/${id}` })),
    participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted' }],
  };
}

describe('booking a free slot', () => {
  it('answers 201 with a conforming booked Appointment, a Location, and takes the slot', async () => {
    const p = provider();
    const res = await send(p, 'POST', '/Appointment', await bookingFor(p, [slotId(0)]));
    expect(res.status).toBe(201);
    expect(res.headers?.location).toBe(`${BASE}/Appointment/${res.json.id}/_history/1`);
    expect(profiles.validate('CareConnect-Appointment-1', res.json)).toEqual([]);
    expect((await send(p, 'GET', `/Slot/${slotId(0)}`)).json.status).toBe('busy');
    expect((await send(p, 'GET', `/Appointment/${res.json.id}`)).json.id).toBe(res.json.id);
  });

  it('fills in start and end from the slots when the consumer leaves them out', async () => {
    const p = provider();
    const { start, end, ...body } = await bookingFor(p, [slotId(1)]);
    const res = await send(p, 'POST', '/Appointment', body);
    expect(res.status).toBe(201);
    expect([res.json.start, res.json.end]).toEqual([start, end]);
  });
});

describe('refusals', () => {
  it('a slot booked twice is 422 DUPLICATE_REJECTED (409 under cc-taken-slot-409)', async () => {
    for (const [faults, status] of [[[], 422], [['cc-taken-slot-409'], 409]] as const) {
      const p = provider({ faults: [...faults] });
      const body = await bookingFor(p, [slotId(2)]);
      expect((await send(p, 'POST', '/Appointment', body)).status).toBe(201);
      const again = await send(p, 'POST', '/Appointment', body);
      expect(again.status).toBe(status);
      expect(again.json.issue[0].details.coding[0].code).toBe('DUPLICATE_REJECTED');
    }
  });

  it('a free and a busy slot together book neither', async () => {
    const p = provider();
    const res = await send(p, 'POST', '/Appointment', await bookingFor(p, [slotId(3), busySlotId]));
    expect(res.status).toBe(422);
    expect((await send(p, 'GET', `/Slot/${slotId(3)}`)).json.status).toBe('free');
  });

  it.each([
    ['no patient participant', (b: any) => ({ ...b, participant: [] }), 422],
    ['status proposed', (b: any) => ({ ...b, status: 'proposed' }), 422],
    ['no slot', (b: any) => ({ ...b, slot: undefined }), 422],
    ['an unknown slot', (b: any) => ({ ...b, slot: [{ reference: `Slot/${CC_FIXTURES.unknownSlotId}` }] }), 422],
    ['a Patient body', (b: any) => ({ ...b, resourceType: 'Patient' }), 400],
    ['a body that is not JSON', () => '{"resourceType":', 400],
  ])('%s is an OperationOutcome %i', async (_, change, status) => {
    const p = provider();
    const res = await send(p, 'POST', '/Appointment', change(await bookingFor(p, [slotId(4)])));
    expect(res.status).toBe(status);
    expect(res.json.resourceType).toBe('OperationOutcome');
    expect((await send(p, 'GET', `/Slot/${slotId(4)}`)).json.status).toBe('free');
  });

  it('no JWT is 400 BAD_REQUEST', async () => {
    const p = provider();
    const res = await send(p, 'POST', '/Appointment', await bookingFor(p, [slotId(5)]), {});
    expect(res.status).toBe(400);
    expect(res.json.issue[0].details.coding[0].code).toBe('BAD_REQUEST');
  });
});

describe('the world', () => {
  it('holds the declared pools: free slots in the future on working days, busy ones busy', async () => {
    const p = provider();
    const first = (await send(p, 'GET', `/Slot/${slotId(0)}`)).json;
    const last = (await send(p, 'GET', `/Slot/${slotId(CC_FIXTURES.freeSlots.count - 1)}`)).json;
    expect([first.status, last.status]).toEqual(['free', 'free']);
    expect(Date.parse(first.start)).toBeGreaterThan(NOW.getTime());
    expect((await send(p, 'GET', `/Slot/${CC_FIXTURES.busySlots.from + CC_FIXTURES.busySlots.count - 1}`)).json.status).toBe('busy');
    expect((await send(p, 'GET', `/Slot/${CC_FIXTURES.unknownSlotId}`)).status).toBe(404);
  });
});

describe('CareConnect-Appointment-1 (profiles/)', () => {
  it("refuses an appointment shaped like the page's example: no start or end, participant status booked", () => {
    const example = {
      resourceType: 'Appointment',
      id: '42',
      meta: { profile: ['https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1'] },
      status: 'booked',
      slot: [{ reference: 'Slot/7' }],
      participant: [{ actor: { reference: 'Patient/3' }, status: 'booked' }],
    };
    const paths = profiles.validate('CareConnect-Appointment-1', example).map((i) => `${i.path} ${i.message}`);
    expect(paths.some((p) => p.includes("missing 'start'"))).toBe(true);
    expect(paths.some((p) => p.startsWith('/participant/0/status'))).toBe(true);
  });
});
