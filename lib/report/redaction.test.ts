// Secrets never reach an output: every suite runs against a target that echoes every credential
// it receives (in headers, plain-text bodies and OperationOutcome diagnostics), with known secret
// values, and no output file or console line may contain any of them, or any JWT as a token
// (a JWT is shown decoded: header and claims, without its signature).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../cli/main.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import { startReferenceTarget } from '../reference-target/server.ts';

const SESSION_KEY = 'echo-test-session-key-5a1f0c9e';
const ADMIN_KEY = 'echo-test-admin-key-77d2b4aa';
const TOKEN = 'echo-test-bearer-token-e3c81b20';
const URL_PASSWORD = 'url-password-9c2e';
/** A JWT or a piece of one: base64url JSON. */
const JWT = /eyJ[A-Za-z0-9_-]{12,}/;

let server: Server;
let origin = '';

/** Every credential the request carried, as one text. */
function credentials(req: IncomingMessage): string {
  const h = req.headers;
  return [h.authorization, h.http_x_session_key, h['x-api-key']].filter(Boolean).join(' ; ');
}

function echo(req: IncomingMessage, res: ServerResponse): void {
  const creds = credentials(req);
  const claims = (req.headers.authorization ?? '').split('.')[1] ?? '';
  res.setHeader('x-echo-credentials', creds.replace(/[^\x20-\x7e]/g, ''));
  res.setHeader('cache-control', 'no-store');
  // Plain text that starts with the credential, so a quoted start of the body would carry it.
  if (req.method === 'POST' || /ReferralRequest|Patient/.test(req.url ?? '')) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`${creds} was rejected (claims ${claims})`);
    return;
  }
  res.writeHead(req.method === 'PUT' ? 409 : 422, { 'content-type': 'application/fhir+json' });
  res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: `you sent ${creds}`, details: { text: claims } }] }));
}

beforeAll(async () => {
  server = createServer(echo);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The reference target's entry, pointed at the echo server, with the secrets from the environment. */
async function echoTargets(dir: string): Promise<string> {
  const doc = parse(readFileSync(join(PROJECT_ROOT, 'targets.yaml'), 'utf8'), { merge: true }) as { targets: Record<string, { packs: Record<string, any> }> };
  const ref = await startReferenceTarget();
  const published = ref.fixtures();
  await ref.close();
  const packs: Record<string, unknown> = {};
  for (const [id, p] of Object.entries(doc.targets.reference!.packs)) {
    const auth = { ...p.auth };
    if (auth.sessionKey) auth.sessionKey = '${env:BC_ECHO_SESSION_KEY}';
    if (auth.token) auth.token = '${env:BC_ECHO_TOKEN}';
    const fixtures = { ...(published[id] ?? {}), ...p.fixtures, ...(p.fixtures.adminSessionKey ? { adminSessionKey: '${env:BC_ECHO_ADMIN_KEY}' } : {}) };
    // One pack's base carries credentials in its URL.
    const base = id === 'gpconnect-1.2' ? origin.replace('http://', `http://user:${URL_PASSWORD}@`) + p.base : origin + p.base;
    // A federation's practices are paths on the reference target: on the echo server here.
    const practices = (p.practices as Array<{ base: string }> | undefined)?.map((pr) => ({ ...pr, base: origin + pr.base }));
    packs[id] = { ...p, base, ...(p.auth ? { auth } : {}), fixtures, ...(practices ? { practices } : {}) };
  }
  const file = join(dir, 'targets.yaml');
  writeFileSync(file, stringify({ targets: { echo: { testEnvironment: true, timeoutMs: 5000, packs } } }));
  return file;
}

describe('a target that echoes every credential', () => {
  it('gets none of them, nor any JWT, into the console, junit.xml or results.json', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-echo-'));
    const targets = await echoTargets(dir);
    Object.assign(process.env, { BC_ECHO_SESSION_KEY: SESSION_KEY, BC_ECHO_TOKEN: TOKEN, BC_ECHO_ADMIN_KEY: ADMIN_KEY });
    const lines: string[] = [];
    const code = await main(['run', '--targets', targets, '--target', 'echo', '--out', join(dir, 'out'), '--concurrency', '8', '--verbose'], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code, lines.filter((l) => /error|problem/i.test(l)).slice(0, 5).join('\n')).toBe(1);
    const outputs = {
      console: lines.join('\n'),
      'junit.xml': readFileSync(join(dir, 'out', 'junit.xml'), 'utf8'),
      'results.json': readFileSync(join(dir, 'out', 'results.json'), 'utf8'),
    };
    // The echo really reached the reports (redacted), so the test is not vacuous.
    expect(outputs['results.json']).toContain('you sent');
    expect(outputs['results.json']).toContain('[redacted]');
    // A JWT is shown by its claims (an expired-JWT scenario must show its exp), never as a token.
    expect(outputs['results.json']).toMatch(/JWT header \{\\"alg\\":\\"none\\"[^]*claims \{[^]*\\"exp\\":\d+/);
    for (const [name, text] of Object.entries(outputs)) {
      // A secret cut short is still a leak: look for its first twelve characters.
      for (const secret of [SESSION_KEY, ADMIN_KEY, TOKEN, URL_PASSWORD]) expect(text.includes(secret.slice(0, 12)), `${secret} in ${name}`).toBe(false);
      expect(JWT.exec(text)?.[0], `a JWT in ${name}`).toBeUndefined();
    }
  });
});
