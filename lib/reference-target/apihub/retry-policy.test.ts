// Seed 001: "Failure responses with a 500 status MAY be retried"; "Failure responses with a 4xx status SHOULD NOT
// be retried without taking steps to address the underlying cause". The pack declares retryPost: true, so under a
// target's retry policy the runner repeats a booking answered 500, and never one answered 4xx.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../session/paths.ts';
import { projectWorkspace } from '../../session/reference.ts';
import { oneStepProject, runProject, testTarget } from '../../testing/misbehaving.ts';
import { attemptsOf } from '../../testing/steps.ts';

const PACK_FILE = join(PROJECT_ROOT, 'suites', 'apihub-appointments', 'pack.yaml');
const JSON_APPOINTMENT = '{ status: 201, fhirpath: [Appointment.exists()] }';

/** The real pack.yaml as the throw-away project's test pack: same retry rule, no identity. */
function apiHubPackAsTestPack(): string {
  return readFileSync(PACK_FILE, 'utf8').replace(/^pack: .*$/m, 'pack: test-pack').replace(/^auth: .*$/m, 'auth: none');
}

/** A provider that fails a booking with 500 once per path, then books it; and one that refuses with a 4xx. */
function bookingServer(): { server: Server; hits: Map<string, number> } {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(body));
    };
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing' }] };
    if (path.startsWith('/flaky/')) return n === 1 ? answer(500, outcome) : answer(201, { resourceType: 'Appointment', id: '1', meta: { versionId: '1' } });
    const status = Number(/^\/refuse\/(\d{3})/.exec(path)?.[1] ?? 404);
    return answer(status, outcome);
  });
  return { server, hits };
}

let provider: ReturnType<typeof bookingServer>;
let base: string;

beforeAll(async () => {
  provider = bookingServer();
  await new Promise<void>((r) => provider.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => provider.server.close(() => r())));

describe('apihub-appointments retries: 500 may be, 4xx never', () => {
  it('declares in pack.yaml that its POSTs may be retried', () => {
    expect(projectWorkspace().packs.get('apihub-appointments')?.retryPost).toBe(true);
  });

  it('repeats a booking answered 500 under a retry policy, and the retry counts', async () => {
    const root = oneStepProject([{ id: 'R-APIHUB-500', path: '/flaky/Appointment', method: 'POST', expect: JSON_APPOINTMENT }], apiHubPackAsTestPack());
    const { byId } = await runProject(root, testTarget(base, { retry: { attempts: 3, backoffMs: 10 } }));
    expect(byId['R-APIHUB-500']!.status).toBe('passed');
    expect(provider.hits.get('/flaky/Appointment')).toBe(2);
    expect(attemptsOf(byId['R-APIHUB-500']!.steps[0])?.map((a) => ('status' in a ? a.status : a.error))).toEqual([500, 201]);
  });

  it.each([400, 403, 409, 422])('never repeats a booking answered %i', async (status) => {
    const path = `/refuse/${status}/Appointment`;
    const root = oneStepProject([{ id: `R-APIHUB-${status}`, path, method: 'POST', expect: JSON_APPOINTMENT }], apiHubPackAsTestPack());
    const { byId } = await runProject(root, testTarget(base, { retry: { attempts: 3, backoffMs: 10 } }));
    expect(byId[`R-APIHUB-${status}`]).toMatchObject({ status: 'failed', reason: expect.stringContaining(`received ${status}`) });
    expect(provider.hits.get(path)).toBe(1);
  });
});
