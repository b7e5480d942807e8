// A target that times out, drops the connection or answers HTML: each must give a clear
// verdict that keeps the evidence, errored for transport and failed for a wrong answer.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../loader/suites.ts';
import type { Target } from '../targets/model.ts';
import { tempProject } from '../testing/workspace.ts';
import { RunEvents } from './events.ts';
import { runSuites } from './run.ts';
import { attachJsonReporter } from '../report/json.ts';

let server: Server;
let base: string;
const SECRET = 'super-secret-session-key-123';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 2000);
    if (req.url === '/close') return void req.socket.destroy();
    if (req.url === '/html') {
      res.writeHead(201, { 'content-type': 'text/html' });
      return void res.end('<html><body>Bad gateway</body></html>');
    }
    // Echoes the request headers, as some misconfigured proxies do.
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify({ resourceType: 'Basic', id: '1', echo: req.headers }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const scenario = (id: string, path: string, expect: string) => `  - id: ${id}
    title: ${path}
    level: MUST
    requirement: r
    source: s
    steps:
      - name: call ${path}
        request: { method: GET, path: ${path}, headers: { X-Api-Key: "${SECRET}" } }
        expect: ${expect}
`;

function project(): string {
  return tempProject({
    'suites/test-pack/t.yaml': `suite: t\npack: test-pack\ntitle: T\nscenarios:\n${scenario('T-001', '/slow', '{ status: 200 }')}${scenario('T-002', '/close', '{ status: 200 }')}${scenario('T-003', '/html', '{ status: 201, fhirpath: [Appointment.id.exists()] }')}${scenario('T-004', '/echo', '{ status: 200 }')}`,
  });
}

function target(): Target {
  return {
    name: 'misbehaving',
    file: 'targets.yaml',
    testEnvironment: true,
    timeoutMs: 300,
    headers: {},
    tls: { verify: true },
    packs: { 'test-pack': { base, headers: {}, auth: { kind: 'none' }, fixtures: {} } },
    secrets: [SECRET],
  };
}

describe('a misbehaving target', () => {
  it('errors on a timeout and a dropped connection, fails on HTML, and never records a secret', async () => {
    const root = project();
    const events = new RunEvents();
    const out = join(root, 'reports', 'results.json');
    attachJsonReporter(events, out);
    const { summary, results } = await runSuites({ workspace: loadWorkspace({ root }), target: target(), events, seed: 1 });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['T-001']).toMatchObject({ status: 'errored', reason: expect.stringContaining('no response within 300 ms') });
    expect(byId['T-002']).toMatchObject({ status: 'errored', reason: expect.stringContaining('closed the connection before answering') });
    expect(byId['T-003']!.status).toBe('failed');
    expect(byId['T-003']!.reason).toContain('not a JSON resource (text/html, starting');
    // The evidence is kept: the HTML body is in the step's response.
    expect(byId['T-003']!.steps[0]!.response!.body).toContain('Bad gateway');
    expect(byId['T-004']!.status).toBe('passed');
    expect(summary).toMatchObject({ failed: 1, errored: 2, passed: 1, exitCode: 1 });
    const written = readFileSync(out, 'utf8');
    expect(written).not.toContain(SECRET);
    expect(written).toContain('[redacted]');
  });

  it('exits 3 when checks errored and none failed', async () => {
    const root = project();
    const { summary } = await runSuites({ workspace: loadWorkspace({ root }), target: target(), events: new RunEvents(), seed: 1, grep: '/slow' });
    expect(summary).toMatchObject({ total: 1, errored: 1, failed: 0, exitCode: 3 });
  });
});
