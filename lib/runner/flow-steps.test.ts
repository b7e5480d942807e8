// Session flows: `each:` runs a step once per practice of a federation, `compute:` works out a value
// from what earlier steps captured (the earliest slot across all practices), and `when:` takes a
// branch (register only when the patient was not found). Against a small federation on loopback.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../loader/workspace.ts';
import type { Practice } from '../model/target.ts';
import { runSelected } from '../session/session.ts';
import { sent } from '../testing/steps.ts';
import { tempProject } from '../testing/workspace.ts';
import { testTarget } from '../testing/misbehaving.ts';
import { withPractices } from '../targets/load.ts';
import { RunEvents } from './events.ts';

/** Per practice: its free slots' starts, and whether patient 9000000009 is registered there. */
const FEDERATION: Record<string, { starts: string[]; registered: boolean }> = {
  P1: { starts: ['2026-12-03T10:00:00+00:00', '2026-12-03T11:00:00+00:00'], registered: true },
  P2: { starts: ['2026-12-03T09:15:00+00:00'], registered: false },
  P3: { starts: [], registered: true },
};

let server: Server;
let origin: string;
const booked: Array<{ practice: string; body: { slot: Array<{ reference: string }>; participant: Array<{ actor: { reference: string } }> } }> = [];
const registered: string[] = [];

function bundle(resources: unknown[]): string {
  return JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const [, practice, kind] = (req.url ?? '').split('?')[0]!.split('/');
    const world = FEDERATION[practice ?? ''];
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/fhir+json');
      if (!world) return void res.writeHead(404).end();
      if (kind === 'Slot') return void res.end(bundle(world.starts.map((start, i) => ({ resourceType: 'Slot', id: `${practice}-${i}`, start, status: 'free' }))));
      if (kind === 'Patient' && req.method === 'GET') {
        const known = world.registered || registered.includes(practice!);
        return void res.end(bundle(known ? [{ resourceType: 'Patient', id: `${practice}-pat` }] : []));
      }
      if (kind === 'Patient' && req.method === 'POST') {
        registered.push(practice!);
        return void res.writeHead(200).end(JSON.stringify({ resourceType: 'Patient', id: `${practice}-new` }));
      }
      if (kind === 'Appointment') {
        booked.push({ practice: practice!, body: JSON.parse(body) });
        return void res.writeHead(201).end(JSON.stringify({ resourceType: 'Appointment', id: 'a1', status: 'booked' }));
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const SUITE = `suite: flows
pack: test-pack
title: flows
scenarios:
  - id: FLOW-001
    title: book the earliest free slot across the federation, registering where needed
    level: MUST
    requirement: r
    source: s
    steps:
      - name: search free slots
        each: { in: "\${fixture.practices}", as: practice }
        request: { method: GET, path: "\${practice.base}/Slot" }
        expect: { status: 200 }
        capture:
          offered: { fhirpath: "Bundle.entry.resource.where(resourceType = 'Slot')", pick: all }
      - name: find the patient where the earliest slot is
        compute:
          chosen: "%offered.where(value.start contains %offered.value.start.min())"
          slot: "%chosen.value.where(start = %offered.value.start.min())"
        request: { method: GET, path: "\${chosen.item.base}/Patient", query: { identifier: "\${fixture.nhsNumber}" } }
        expect: { status: 200 }
        capture:
          found: { fhirpath: "Bundle.entry.resource.where(resourceType = 'Patient')", pick: all }
      - name: register the patient
        when: "%found.empty()"
        request: { method: POST, path: "\${chosen.item.base}/Patient", body: { json: { resourceType: Patient } } }
        expect: { status: 200 }
        capture: { newPatient: Patient }
      - name: book
        compute:
          patientId: "%found.id | %newPatient.id"
        request:
          method: POST
          path: "\${chosen.item.base}/Appointment"
          body: { json: { resourceType: Appointment, slot: [{ reference: "Slot/\${slot.id}" }], participant: [{ actor: { reference: "Patient/\${patientId}" } }] } }
        expect: { status: 201 }
  - id: FLOW-002
    title: nothing offered anywhere skips
    level: MUST
    requirement: r
    source: s
    steps:
      - name: search the practice with no slots
        each: { in: "\${fixture.emptyPractices}", as: practice }
        request: { method: GET, path: "\${practice.base}/Slot" }
        expect: { status: 200 }
        capture:
          offered: { fhirpath: "Bundle.entry.resource.where(resourceType = 'Slot')", pick: all }
      - name: choose
        compute:
          slot: { fhirpath: "%offered.value.first()", orSkip: the federation offers no free slot }
        request: { method: GET, path: "\${fixture.practices[0].base}/Slot" }
        expect: { status: 200 }
  - id: FLOW-003
    title: a capture that skips stops the step's later captures, which read it
    level: MUST
    requirement: r
    source: s
    steps:
      - name: search the practice with no slots
        request: { method: GET, path: "\${fixture.emptyPractices[0].base}/Slot" }
        expect: { status: 200 }
        capture:
          slot: { fhirpath: "Bundle.entry.resource.where(resourceType = 'Slot')", pick: random, orSkip: needs a free slot }
          start: "%slot.start"
`;

async function run(practices: Practice[]) {
  const root = tempProject({ 'suites/test-pack/flows.yaml': SUITE });
  const pack = withPractices({ base: origin + '/P1', practices, headers: {}, auth: { kind: 'none' }, fixtures: { nhsNumber: '9000000009', emptyPractices: [{ ods: 'P3', base: origin + '/P3' }] } });
  const target = testTarget(origin, { packs: { 'test-pack': pack } });
  return runSelected({ workspace: loadWorkspace({ root }), target, events: new RunEvents(), seed: 1 });
}

describe('session flow steps (each, compute, when)', () => {
  it('searches every practice, books the earliest slot across them, and registers the patient only where unknown', async () => {
    const practices = ['P1', 'P2', 'P3'].map((ods) => ({ ods, base: `${origin}/${ods}` }));
    const { results } = await run(practices);
    const flow = results.find((r) => r.id === 'FLOW-001')!;
    expect(flow.status, flow.reason).toBe('passed');
    // One search per practice, named after it; then find, register (P2 does not know the patient), book.
    expect(flow.steps.map((s) => s.name)).toEqual(['search free slots [1/3: P1]', 'search free slots [2/3: P2]', 'search free slots [3/3: P3]', 'find the patient where the earliest slot is', 'register the patient', 'book']);
    expect(sent(flow.steps[3]).request.url).toBe(`${origin}/P2/Patient?identifier=9000000009`);
    expect(booked.at(-1)).toEqual({ practice: 'P2', body: { resourceType: 'Appointment', slot: [{ reference: 'Slot/P2-0' }], participant: [{ actor: { reference: 'Patient/P2-new' } }] } });
  });

  it('leaves the register step out where the patient is registered at the chosen practice', async () => {
    const practices = ['P1', 'P3'].map((ods) => ({ ods, base: `${origin}/${ods}` }));
    const { results } = await run(practices);
    const flow = results.find((r) => r.id === 'FLOW-001')!;
    expect(flow.status, flow.reason).toBe('passed');
    expect(flow.steps.map((s) => s.name)).toEqual(['search free slots [1/2: P1]', 'search free slots [2/2: P3]', 'find the patient where the earliest slot is', 'book']);
    expect(booked.at(-1)).toMatchObject({ practice: 'P1', body: { slot: [{ reference: 'Slot/P1-0' }], participant: [{ actor: { reference: 'Patient/P1-pat' } }] } });
  });

  it('skips, rather than fails, when a compute with orSkip finds nothing', async () => {
    const { results } = await run([{ ods: 'P1', base: `${origin}/P1` }]);
    const skipped = results.find((r) => r.id === 'FLOW-002')!;
    expect(skipped).toMatchObject({ status: 'skipped', skipCause: 'target-data', reason: expect.stringContaining('the federation offers no free slot') });
  });

  it('skips, rather than errors, when a capture skips and a later capture of the step reads it', async () => {
    const { results } = await run([{ ods: 'P1', base: `${origin}/P1` }]);
    expect(results.find((r) => r.id === 'FLOW-003')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('needs a free slot') });
  });

  it('fails when compute finds nothing without orSkip: the target offered nothing to go on', async () => {
    const { results } = await run([{ ods: 'P3', base: `${origin}/P3` }]);
    const flow = results.find((r) => r.id === 'FLOW-001')!;
    expect(flow).toMatchObject({ status: 'failed', reason: expect.stringMatching(/compute 'chosen'.*found nothing/) });
  });
});
