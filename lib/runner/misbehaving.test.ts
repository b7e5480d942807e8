// Every way a target can misbehave on the wire gives a failed or errored scenario whose reason
// a supplier can act on, the report is still written, and the run always finishes.

import { attemptsOf, sent } from '../testing/steps.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED_BODY_BYTES } from '../http/body.ts';
import { attachJsonReporter } from '../report/json.ts';
import { closedPort, oneStepProject, runProject, startMisbehavingServer, testTarget, type MisbehavingServer, type ProjectRun } from '../testing/misbehaving.ts';
import { TEST_PACK } from '../testing/workspace.ts';
import { RunEvents } from './events.ts';

let server: MisbehavingServer;
let tls: HttpsServer;
let tlsBase: string;
let refusedBase: string;

/** A self-signed certificate made for this test only: the runner must refuse to trust it. */
function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'bc-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

beforeAll(async () => {
  server = await startMisbehavingServer();
  tls = createHttpsServer(selfSignedCert(), (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end('{"resourceType":"Basic"}');
  });
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  refusedBase = `http://127.0.0.1:${await closedPort()}`;
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((r) => tls.close(() => r()));
});

const JSON_BASIC = '{ status: 200, fhirpath: [Basic.exists()] }';
const CAP = 1024 * 1024;

describe('a misbehaving target: each answer gives a verdict a supplier understands', () => {
  let run: ProjectRun;
  let report: string;

  beforeAll(async () => {
    const root = oneStepProject([
      { id: 'M-REFUSED-001', path: `${refusedBase}/metadata`, expect: '{ status: 200 }' },
      { id: 'M-DNS-001', path: 'http://no-such-target.invalid/metadata', expect: '{ status: 200 }' },
      { id: 'M-TLS-001', path: `${tlsBase}/metadata`, expect: '{ status: 200 }' },
      { id: 'M-TIMEOUT-001', path: '/hang', expect: '{ status: 200 }' },
      { id: 'M-RESET-BODY-001', path: '/reset-mid-body', expect: JSON_BASIC },
      { id: 'M-RESET-HEADERS-001', path: '/reset-after-headers', expect: JSON_BASIC },
      { id: 'M-TEXT-001', path: '/text', expect: JSON_BASIC },
      { id: 'M-HTML-001', path: '/html', expect: '{ status: 201, fhirpath: [Basic.exists()] }' },
      { id: 'M-EMPTY-001', path: '/empty', expect: JSON_BASIC },
      { id: 'M-HUGE-001', path: '/huge?mb=50', expect: JSON_BASIC },
      { id: 'M-UTF8-001', path: '/bad-utf8', expect: JSON_BASIC },
      { id: 'M-REDIRECT-001', path: '/redirect', expect: JSON_BASIC },
      { id: 'M-TRICKLE-001', path: '/trickle', expect: JSON_BASIC },
      { id: 'M-STEP-TIMEOUT-001', path: '/slowish', expect: JSON_BASIC, timeoutMs: 3000 },
      { id: 'M-TARGET-TIMEOUT-001', path: '/slowish', expect: JSON_BASIC },
    ]);
    const events = new RunEvents();
    const out = join(root, 'reports', 'results.json');
    attachJsonReporter(events, out);
    run = await runProject(root, testTarget(server.base, { maxBodyBytes: CAP }), { events, concurrency: 4 });
    report = readFileSync(out, 'utf8');
  }, 60_000);

  const verdict = (id: string) => ({ status: run.byId[id]!.status, reason: run.byId[id]!.reason ?? '' });

  it('connection refused is errored and says so', () => {
    expect(verdict('M-REFUSED-001')).toEqual({ status: 'errored', reason: expect.stringContaining('connection refused') });
  });

  it('an unknown host is errored, naming the host', () => {
    expect(verdict('M-DNS-001')).toEqual({ status: 'errored', reason: expect.stringContaining('host not found: the name no-such-target.invalid has no DNS entry') });
  });

  it('an untrusted certificate is errored, saying it is self-signed and where to trust it', () => {
    expect(verdict('M-TLS-001')).toEqual({ status: 'errored', reason: expect.stringMatching(/TLS failure: the target's certificate is self-signed and not trusted \(give its CA in the target's tls\.ca\)/) });
  });

  it('a target that never answers is errored at the exact time limit', () => {
    expect(verdict('M-TIMEOUT-001')).toEqual({ status: 'errored', reason: expect.stringContaining('no response within 300 ms') });
    expect(run.byId['M-TIMEOUT-001']!.durationMs).toBeLessThan(2000);
  });

  it('a connection reset mid-body says the target had answered, and how much came', () => {
    expect(verdict('M-RESET-BODY-001')).toEqual({ status: 'errored', reason: expect.stringMatching(/closed the connection after sending the headers \(status 200\) and [1-9]\d* bytes of body/) });
    expect(verdict('M-RESET-BODY-001').reason).not.toContain('before answering');
  });

  it('a connection reset right after the headers says so, not "before answering"', () => {
    expect(verdict('M-RESET-HEADERS-001')).toEqual({ status: 'errored', reason: expect.stringContaining('closed the connection after sending the headers (status 200) and 0 bytes of body') });
  });

  it('plain text, HTML and an empty body fail, quoting what came instead of JSON', () => {
    expect(verdict('M-TEXT-001')).toEqual({ status: 'failed', reason: expect.stringContaining("not a JSON resource (text/plain, starting 'Service is up')") });
    expect(verdict('M-HTML-001')).toEqual({ status: 'failed', reason: expect.stringContaining("not a JSON resource (text/html, starting '<html><body>Bad gateway") });
    expect(verdict('M-EMPTY-001')).toEqual({ status: 'failed', reason: expect.stringContaining('not a JSON resource (empty body)') });
  });

  it('a huge body fails at the cap, is not read further, and the report keeps only a prefix', () => {
    expect(verdict('M-HUGE-001')).toEqual({ status: 'failed', reason: expect.stringMatching(new RegExp(`the body exceeded the cap of ${CAP} bytes \\(maxBodyBytes\\): reading stopped after \\d+ bytes`)) });
    const response = sent(run.byId['M-HUGE-001']!.steps[0]).response;
    expect(response.truncated).toEqual({ limitBytes: CAP, receivedBytes: expect.any(Number) });
    expect(response.truncated!.receivedBytes).toBeGreaterThan(CAP);
    expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(RECORDED_BODY_BYTES);
    expect(response.bodyCut).toEqual({ keptBytes: RECORDED_BODY_BYTES, receivedBytes: response.truncated!.receivedBytes });
    // The body was destroyed, not drained: the server could not write most of its 50 MiB.
    expect(server.hugeSent[0]).toBeLessThan(25 * 1024 * 1024);
  });

  it('invalid UTF-8 is reported as such with the offset, not silently replaced', () => {
    expect(verdict('M-UTF8-001')).toEqual({ status: 'failed', reason: expect.stringContaining('the body is not valid UTF-8 (the first bad byte is at offset 18)') });
    expect(sent(run.byId['M-UTF8-001']!.steps[0]).response.invalidUtf8).toEqual({ offset: 18 });
  });

  it('a redirect is not followed: the verdict says a redirect was answered, and where to', () => {
    expect(verdict('M-REDIRECT-001')).toEqual({ status: 'failed', reason: expect.stringContaining('received 302: the target answered a redirect (302 to /elsewhere), which the runner does not follow') });
    expect(server.hits('/elsewhere')).toBe(0);
  });

  it('a body that trickles slower than the time limit is errored, saying the headers came but the body did not', () => {
    expect(verdict('M-TRICKLE-001')).toEqual({ status: 'errored', reason: expect.stringMatching(/the body did not complete within 300 ms: the target answered 200 but had sent only \d+ bytes of body/) });
  });

  it("a step's own timeoutMs lets it wait longer than the target's", () => {
    expect(verdict('M-STEP-TIMEOUT-001').status).toBe('passed');
    expect(verdict('M-TARGET-TIMEOUT-001')).toEqual({ status: 'errored', reason: expect.stringContaining('no response within 300 ms') });
  });

  it('the run finishes and the report is written, small, with every verdict', () => {
    expect(run.ended).toBe(true);
    expect(run.summary).toMatchObject({ total: 15, passed: 1, failed: 6, errored: 8 });
    const doc = JSON.parse(report) as { scenarios: Array<{ id: string }> };
    expect(doc.scenarios.map((s) => s.id)).toContain('M-HUGE-001');
    expect(report.length).toBeLessThan(1024 * 1024);
  });
});

describe('retries: bounded, idempotent requests only, the last attempt counts', () => {
  const retrying = (base: string) => testTarget(base, { retry: { attempts: 3, backoffMs: 10 } });

  it('retries a 5xx GET until it succeeds, recording every attempt', async () => {
    const { byId } = await runProject(oneStepProject([{ id: 'R-GET-001', path: '/flaky?k=get', expect: JSON_BASIC }]), retrying(server.base));
    expect(byId['R-GET-001']!.status).toBe('passed');
    expect(attemptsOf(byId['R-GET-001']!.steps[0])?.map((a) => ('status' in a ? a.status : a.error))).toEqual([503, 503, 200]);
    expect(server.hits('/flaky?k=get')).toBe(3);
  });

  it('never retries without a policy, a 4xx, or a POST the pack does not allow', async () => {
    const root = oneStepProject([
      { id: 'R-NOPOLICY-001', path: '/flaky?k=nopolicy', expect: JSON_BASIC },
      { id: 'R-4XX-001', path: '/not-found', expect: JSON_BASIC },
      { id: 'R-POST-001', path: '/flaky?k=post', method: 'POST', expect: JSON_BASIC },
    ]);
    const plain = await runProject(root, testTarget(server.base), { grep: 'R-NOPOLICY' });
    expect(plain.byId['R-NOPOLICY-001']).toMatchObject({ status: 'failed', reason: expect.stringContaining('received 503') });
    expect(server.hits('/flaky?k=nopolicy')).toBe(1);
    const { byId } = await runProject(root, retrying(server.base), { grep: 'R-' });
    expect(byId['R-4XX-001']!.status).toBe('failed');
    expect(server.hits('/not-found')).toBe(1);
    expect(byId['R-POST-001']).toMatchObject({ status: 'failed', reason: expect.stringContaining('received 503') });
    expect(server.hits('/flaky?k=post')).toBe(1);
    expect(attemptsOf(byId['R-POST-001']!.steps[0])).toBeUndefined();
  });

  it('retries a POST where pack.yaml says retryPost: true', async () => {
    const root = oneStepProject([{ id: 'R-POST-OK-001', path: '/flaky?k=post-allowed', method: 'POST', expect: JSON_BASIC }], `${TEST_PACK}retryPost: true\n`);
    const { byId } = await runProject(root, retrying(server.base));
    expect(byId['R-POST-OK-001']!.status).toBe('passed');
    expect(server.hits('/flaky?k=post-allowed')).toBe(3);
  });

  it('a hung target gives an errored step after the bounded attempts, and the run finishes', async () => {
    const { byId, ended, summary } = await runProject(oneStepProject([{ id: 'R-HANG-001', path: '/hang?k=retry', expect: JSON_BASIC }]), retrying(server.base));
    expect(byId['R-HANG-001']).toMatchObject({ status: 'errored', reason: expect.stringContaining('after 3 attempts: no response within 300 ms') });
    expect(attemptsOf(byId['R-HANG-001']!.steps[0])).toHaveLength(3);
    expect(server.hits('/hang?k=retry')).toBe(3);
    expect(ended).toBe(true);
    expect(summary).toMatchObject({ failed: 0 });
    expect(summary.errored).toBeGreaterThan(0);
  });

  it('a 5xx that persists fails on the last attempt', async () => {
    const { byId } = await runProject(oneStepProject([{ id: 'R-500-001', path: '/always-500?k=persist', expect: JSON_BASIC }]), retrying(server.base));
    expect(byId['R-500-001']).toMatchObject({ status: 'failed', reason: expect.stringContaining('received 500') });
    expect(attemptsOf(byId['R-500-001']!.steps[0])).toHaveLength(3);
  });
});

describe('the run deadline', () => {
  it('aborts the step in flight (errored), skips what has not started, and still ends the run', async () => {
    const root = oneStepProject([
      { id: 'D-001', path: '/hang?k=deadline', expect: JSON_BASIC, timeoutMs: 60_000 },
      { id: 'D-002', path: '/echo', expect: '{ status: 200 }' },
      { id: 'D-003', path: '/echo', expect: '{ status: 200 }' },
    ]);
    const started = performance.now();
    const { byId, ended, summary } = await runProject(root, testTarget(server.base), { deadlineMs: 500 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(byId['D-001']).toMatchObject({ status: 'errored', reason: expect.stringContaining("the run's deadline (--deadline) passed before the target finished answering") });
    for (const id of ['D-002', 'D-003']) expect(byId[id]).toMatchObject({ status: 'skipped', reason: expect.stringContaining("not run: the run's deadline (--deadline 0.5 s) passed") });
    expect(ended).toBe(true);
    expect(summary).toMatchObject({ errored: 1, skipped: 2 });
  });
});
