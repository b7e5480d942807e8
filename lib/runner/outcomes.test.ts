// Results say what happened, in kinds of their own: a check that cannot be evaluated is an error
// (the suite's fault), not a failure of the target, and the other checks of the step still judge;
// a capture that finds nothing is a capture failure, not a fake check.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../loader/workspace.ts';
import { startMisbehavingServer, oneStepProject, testTarget, type MisbehavingServer } from '../testing/misbehaving.ts';
import { sent } from '../testing/steps.ts';
import { RunEvents } from './events.ts';
import { runSelected } from '../session/session.ts';

let server: MisbehavingServer;
beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(() => server.close());

async function run(steps: Parameters<typeof oneStepProject>[0]) {
  const root = oneStepProject(steps);
  const { results } = await runSelected({ workspace: loadWorkspace({ root }), target: testTarget(server.base), events: new RunEvents(), seed: 1 });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('check, capture and step outcomes', () => {
  it('a FHIRPath that throws is an errored check; the step is errored, not failed; the other checks still judge', async () => {
    const byId = await run([{ id: 'O-001', path: '/echo', expect: `{ status: 200, fhirpath: ["(1 | 2).single() = 1", "Basic.id.exists()"] }` }]);
    const r = byId['O-001']!;
    expect(r).toMatchObject({ status: 'errored', errorCause: 'suite' });
    const checks = sent(r.steps[0]).checks;
    expect(checks.map((c) => c.outcome)).toEqual(['pass', 'error', 'pass']);
    expect(checks[1]).toMatchObject({ outcome: 'error', cause: 'suite', message: expect.stringContaining('could not be evaluated') });
  });

  it('a failed check outranks an errored one: the target broke a rule', async () => {
    const byId = await run([{ id: 'O-002', path: '/echo', expect: `{ status: 201, fhirpath: ["(1 | 2).single() = 1"] }` }]);
    expect(byId['O-002']).toMatchObject({ status: 'failed' });
  });
});
