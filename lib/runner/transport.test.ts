// A target that times out, drops the connection or answers HTML: each must give a clear
// verdict that keeps the evidence, errored for transport and failed for a wrong answer.

import { sent } from '../testing/steps.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../loader/workspace.ts';
import type { Target } from '../model/target.ts';
import { oneStepProject, startMisbehavingServer, testTarget, type MisbehavingServer } from '../testing/misbehaving.ts';
import { RunEvents } from './events.ts';
import { runSelected } from '../session/session.ts';
import { attachJsonReporter } from '../report/json.ts';
import { attachJunitReporter } from '../report/junit.ts';

// The misbehaviours themselves are in misbehaving.test.ts; this file keeps the verdict mix, the exit codes and redaction.
let server: MisbehavingServer;
const SECRET = 'super-secret-session-key-123';

beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(() => server.close());

function project(): string {
  const headers = `{ X-Api-Key: "${SECRET}" }`;
  return oneStepProject([
    { id: 'T-001', path: '/slow', expect: '{ status: 200 }', headers },
    { id: 'T-002', path: '/close', expect: '{ status: 200 }', headers },
    { id: 'T-003', path: '/html', expect: '{ status: 201, fhirpath: [Appointment.id.exists()] }', headers },
    { id: 'T-004', path: '/echo', expect: '{ status: 200 }', headers },
  ]);
}

function target(): Target {
  return testTarget(server.base, { secrets: [SECRET] });
}

describe('a misbehaving target', () => {
  it('errors on a timeout and a dropped connection, fails on HTML, and never records a secret', async () => {
    const root = project();
    const events = new RunEvents();
    const out = join(root, 'reports', 'results.json');
    attachJsonReporter(events, out);
    attachJunitReporter(events, join(root, 'reports', 'junit.xml'));
    const { summary, results } = await runSelected({ workspace: loadWorkspace({ root }), target: target(), events, seed: 1 });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['T-001']).toMatchObject({ status: 'errored', reason: expect.stringContaining('no response within 300 ms') });
    expect(byId['T-002']).toMatchObject({ status: 'errored', reason: expect.stringContaining('closed the connection before answering') });
    expect(byId['T-003']!.status).toBe('failed');
    expect(byId['T-003']!.reason).toContain('not a JSON resource (text/html, starting');
    // The evidence is kept: the HTML body is in the step's response.
    expect(sent(byId['T-003']!.steps[0]).response.body).toContain('Bad gateway');
    expect(byId['T-004']!.status).toBe('passed');
    expect(summary).toMatchObject({ failed: 1, errored: 2, passed: 1 });
    // The cause travels: a step that got no answer says why, and JUnit's error type is that cause.
    expect([byId['T-001']!.errorCause, byId['T-002']!.errorCause]).toEqual(['timeout', 'closed']);
    expect(byId['T-001']!.steps[0]).toMatchObject({ state: 'transport-failed', cause: 'timeout' });
    const junit = readFileSync(join(root, 'reports', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<error [^>]*type="timeout"/);
    expect(junit).toMatch(/<error [^>]*type="closed"/);
    const written = readFileSync(out, 'utf8');
    expect(written).not.toContain(SECRET);
    expect(written).toContain('[redacted]');
  });

  it('exits 3 when checks errored and none failed', async () => {
    const root = project();
    const { summary } = await runSelected({ workspace: loadWorkspace({ root }), target: target(), events: new RunEvents(), seed: 1, grep: '/slow' });
    expect(summary).toMatchObject({ total: 1, errored: 1, failed: 0 });
  });
});
