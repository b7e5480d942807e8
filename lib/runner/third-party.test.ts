// fhir-rest-booking against a real FHIR server this team did not write (issue 10 item 3): Medplum's
// @medplum/fhir-router over its in-memory repository, on loopback (lib/testing/medplum.ts), seeded
// with a small booking world through its own router. The run must fail exactly the scenarios
// Medplum really deviates on (README, "Against a real server"), and every other scenario must pass
// or be skipped for the reason its CapabilityStatement gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace, type Workspace } from '../loader/workspace.ts';
import { checksOf, type ScenarioResult, type ScenarioStatus } from '../model/result.ts';
import type { Target } from '../model/target.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import { runSelected } from '../session/session.ts';
import { RunEvents } from './events.ts';
import { startMedplum, type MedplumServer } from '../testing/medplum.ts';
import { seedBookingWorld, type BookingWorld } from '../testing/medplum-world.ts';

const PACK = 'fhir-rest-booking';

/** The target, as a supplier would write it in targets.yaml: the plain pack key, R4, no auth. */
function medplumTarget(base: string, world: BookingWorld): Target {
  return {
    name: 'medplum',
    file: 'targets.yaml',
    testEnvironment: true,
    timeoutMs: 5000,
    concurrency: 4,
    headers: {},
    tls: { verify: true },
    packs: {
      [PACK]: {
        base,
        fhirVersion: 'r4',
        headers: {},
        auth: { kind: 'none' },
        fixtures: { patientId: world.patients[0], otherPatientId: world.patients[1], unknownAppointmentId: 'no-such-appointment' },
      },
    },
    secrets: [],
  };
}

async function run(workspace: Workspace, target: Target, grep?: string): Promise<Record<string, ScenarioResult>> {
  const { results } = await runSelected({ workspace, target, seed: 1, events: new RunEvents(), ...(grep ? { grep } : {}) });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

/** The scenarios whose verdict is not the expected one, with the runner's reason: what to investigate first. */
const unexpected = (byId: Record<string, ScenarioResult>) =>
  Object.values(byId)
    .filter((r) => EXPECTED[r.id] !== r.status)
    .map((r) => `${r.id} ${r.status} (expected ${EXPECTED[r.id] ?? 'no such scenario'}): ${r.reason ?? ''}`)
    .join('\n');

const statuses = (byId: Record<string, ScenarioResult>) => Object.fromEntries(Object.entries(byId).map(([id, r]) => [id, r.status])) as Record<string, ScenarioStatus>;

/**
 * What Medplum 4.5.2 (router + MemoryRepository) does with each scenario. Each failure and warning
 * is one of its deviations (README, "Against a real server"); each skip is what its
 * CapabilityStatement does not declare.
 */
const EXPECTED: Record<string, ScenarioStatus> = {
  'FRB-META-001': 'passed',
  'FRB-SLOT-001': 'passed',
  // Searchset entries carry no fullUrl (SHOULD).
  'FRB-SLOT-002': 'warned',
  // The create's Location is [base]/Appointment/[id], without _history/[vid], although Medplum keeps versions.
  'FRB-BOOK-001': 'failed',
  // The same Location, judged again beside the representation's ETag and Last-Modified (which are right).
  'FRB-BOOK-002': 'warned',
  'FRB-READ-001': 'passed',
  'FRB-READ-002': 'passed',
  'FRB-VREAD-001': 'passed',
  'FRB-READ-003': 'passed',
  'FRB-READ-004': 'passed',
  'FRB-SRCH-001': 'passed',
  'FRB-COND-001': 'passed',
  'FRB-ERR-001': 'passed',
  'FRB-ERR-002': 'passed',
  // An old version as the weak ETag is refused with 412 and not applied (judged at every server that takes updates).
  'FRB-UPD-002': 'passed',
  // Medplum declares versioning 'versioned', not 'versioned-update': these If-Match scenarios do not apply.
  'FRB-UPD-001': 'skipped',
  'FRB-UPD-003': 'skipped',
};

let server: MedplumServer;
let workspace: Workspace;
let byId: Record<string, ScenarioResult>;

beforeAll(async () => {
  server = await startMedplum();
  const world = await seedBookingWorld(server);
  workspace = loadWorkspace({ root: PROJECT_ROOT, suitePacks: new Set([PACK]) });
  byId = await run(workspace, medplumTarget(server.base, world));
}, 30_000);
afterAll(() => server?.close());

describe(`${PACK} against Medplum (@medplum/fhir-router 4.5.2, in-memory)`, () => {
  it('fails, warns and skips exactly the expected scenarios; every other one passes', () => {
    expect(statuses(byId), unexpected(byId)).toEqual(EXPECTED);
  });

  it('fails FRB-BOOK-001 on the Location alone: the Appointment it names reads back', () => {
    const failed = byId['FRB-BOOK-001']!.steps.flatMap((s) => checksOf(s).filter((c) => c.outcome !== 'pass'));
    expect(failed.map((c) => c.message)).toEqual([expect.stringContaining('_history')]);
  });

  it('skips the version-aware update scenarios for the versioning Medplum declares', () => {
    for (const id of ['FRB-UPD-001', 'FRB-UPD-003']) {
      expect(byId[id]!.reason).toMatch(/versioned-update/);
    }
  });
});

describe('the bare router, without the CapabilityStatement of Medplum\'s server', () => {
  it('answers GET /metadata with a searchset, so FRB-META-001 fails', async () => {
    const bare = await startMedplum({ capabilities: 'router-only' });
    try {
      const world = await seedBookingWorld(bare);
      const r = await run(workspace, medplumTarget(bare.base, world), 'FRB-META-001');
      expect(statuses(r)).toEqual({ 'FRB-META-001': 'failed' });
    } finally {
      await bare.close();
    }
  });
});
