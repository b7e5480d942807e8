// A run with each auth kind against a target that echoes every credential it receives (in a JSON
// body and in a plain-text error): results.json, junit.xml, report.html and the console carry none
// of the tokens, passwords, client secrets, private keys or signed assertions, nor a piece of one.

import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../loader/workspace.ts';
import { attachConsoleReporter } from '../report/console.ts';
import { attachHtmlReporter } from '../report/html.ts';
import { attachJsonReporter } from '../report/json.ts';
import { attachJunitReporter } from '../report/junit.ts';
import { RunEvents } from '../runner/events.ts';
import { runSelected } from '../session/session.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import { oneStepProject, testTarget } from '../testing/misbehaving.ts';
import { checkClientAssertion, checkClientCredentials, startTokenEndpoint, type TokenEndpoint } from '../testing/token-endpoint.ts';
import { TEST_PACK } from '../testing/workspace.ts';

const GENERIC_PACK = TEST_PACK.replace('auth: none', 'auth: [none, bearer, basic, oauth2-client-credentials, smart-backend]');
const BEARER = 'bearer-secret-token-4c1d9e77';
const PASSWORD = 'basic-password-8e2b11f0';
const CLIENT_SECRET = 'client-secret-value-6a0f3d52';
const ACCESS_TOKEN = 'opaque-access-token-91b7c4e3';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

/** An access token shaped as a signed JWT, as many authorisation servers issue. */
function jwtAccessToken(): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'at+jwt' })}.${part({ sub: 'bc-backend-1', scope: 'system/Appointment.rs', exp: 4102444800 })}`;
  return `${input}.${createSign('sha256').update(input).sign(keys.privateKey).toString('base64url')}`;
}
const JWT_ACCESS_TOKEN = jwtAccessToken();

let echo: Server;
let base = '';
let tokens: TokenEndpoint;
let dir = '';

beforeAll(async () => {
  // The target: answers every request with the credentials it was sent.
  echo = createServer((req, res) => {
    const creds = req.headers.authorization ?? '';
    if (req.url?.startsWith('/reject')) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': `Bearer error="invalid_token", echo="${creds}"` });
      res.end(`${creds} was rejected`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/fhir+json', 'x-echo': creds });
    res.end(JSON.stringify({ resourceType: 'Basic', id: '1', code: { text: creds } }));
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  tokens = await startTokenEndpoint(() => ({ status: 500, body: {} }));
  dir = mkdtempSync(join(tmpdir(), 'bc-auth-redaction-'));
  writeFileSync(join(dir, 'key.pem'), PRIVATE_KEY);
});
afterAll(async () => {
  await tokens.close();
  await new Promise<void>((r) => echo.close(() => r()));
});

/** Runs three scenarios (a pass, a failure on the echo, a 401 echoing the header) and returns every output. */
async function runWith(authYaml: string, env: Record<string, string> = {}): Promise<{ outputs: Record<string, string>; statuses: string[] }> {
  const file = join(dir, `targets-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `targets:\n  t:\n    packs:\n      test-pack:\n        base: ${base}\n        auth: ${authYaml}\n`);
  const configured = selectTarget(readTargetsFile(file, '/'), 't', env);
  const target = testTarget(base, { secrets: configured.secrets, packs: { 'test-pack': { ...configured.packs['test-pack']!, base } }, timeoutMs: 3000 });
  const root = oneStepProject(
    [
      { id: 'A-001', path: '/Basic/1', expect: '{ status: 200 }' },
      { id: 'A-002', path: '/Basic/2', expect: '{ status: 201 }' },
      { id: 'A-003', path: '/reject', expect: '{ status: 200 }' },
    ],
    GENERIC_PACK,
  );
  const out = join(root, 'reports');
  const events = new RunEvents();
  const lines: string[] = [];
  attachConsoleReporter(events, { write: (l) => lines.push(l), verbose: true });
  attachJsonReporter(events, join(out, 'results.json'));
  attachJunitReporter(events, join(out, 'junit.xml'), { exchanges: 'all' });
  attachHtmlReporter(events, join(out, 'report.html'), { root });
  const { results } = await runSelected({ workspace: loadWorkspace({ root }), target, events, seed: 1 });
  return {
    statuses: results.map((r) => r.status),
    outputs: {
      console: lines.join('\n'),
      'results.json': readFileSync(join(out, 'results.json'), 'utf8'),
      'junit.xml': readFileSync(join(out, 'junit.xml'), 'utf8'),
      'report.html': readFileSync(join(out, 'report.html'), 'utf8'),
    },
  };
}

/** No secret, nor its first twelve characters (a secret cut short is still a leak), in any output. */
function expectNone(outputs: Record<string, string>, secrets: string[]): void {
  for (const [name, text] of Object.entries(outputs)) {
    for (const secret of secrets) {
      expect(text.includes(secret.slice(0, 12)), `${secret.slice(0, 12)}… in ${name}`).toBe(false);
      // JSON and HTML escape what they hold: look for the escaped forms too.
      expect(text.includes(JSON.stringify(secret).slice(1, 13)), `${secret.slice(0, 12)}… (escaped) in ${name}`).toBe(false);
    }
  }
}

const oauth2 = (clientAuth: 'basic' | 'body') => `{ kind: oauth2-client-credentials, tokenUrl: "${tokens.url}", clientId: booking-client, clientSecret: "\${env:BC_CLIENT_SECRET}", scope: "system/Appointment.rs", clientAuth: ${clientAuth} }`;

describe('secrets of every auth kind stay out of the reports', () => {
  it('bearer', async () => {
    const { outputs, statuses } = await runWith('{ kind: bearer, token: "${env:BC_BEARER}" }', { BC_BEARER: BEARER });
    expect(statuses).toEqual(['passed', 'failed', 'failed']);
    // The echo reached the reports, redacted: the test is not vacuous.
    expect(outputs['results.json']).toContain('[redacted] was rejected');
    expectNone(outputs, [BEARER]);
  });

  it('basic', async () => {
    const { outputs, statuses } = await runWith('{ kind: basic, username: booking-user, password: "${env:BC_PASSWORD}" }', { BC_PASSWORD: PASSWORD });
    expect(statuses).toEqual(['passed', 'failed', 'failed']);
    expect(outputs['results.json']).toContain('[redacted]');
    expectNone(outputs, [PASSWORD, Buffer.from(`booking-user:${PASSWORD}`).toString('base64')]);
  });

  for (const clientAuth of ['basic', 'body'] as const) {
    it(`oauth2-client-credentials (clientAuth: ${clientAuth}), one token fetch for the run`, async () => {
      tokens.calls.length = 0;
      tokens.answer = (call) => checkClientCredentials(call, { id: 'booking-client', secret: CLIENT_SECRET, how: clientAuth }) ?? { status: 200, body: { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600 } };
      const { outputs, statuses } = await runWith(oauth2(clientAuth), { BC_CLIENT_SECRET: CLIENT_SECRET });
      expect(statuses).toEqual(['passed', 'failed', 'failed']);
      expect(tokens.calls).toHaveLength(1);
      expect(outputs['results.json']).toContain('[redacted] was rejected');
      expectNone(outputs, [CLIENT_SECRET, ACCESS_TOKEN, Buffer.from(`booking-client:${CLIENT_SECRET}`).toString('base64')]);
    });
  }

  it('smart-backend, with an access token shaped as a JWT', async () => {
    tokens.calls.length = 0;
    const assertions: string[] = [];
    tokens.answer = (call) => {
      const v = checkClientAssertion(call, { id: 'bc-backend-1', tokenUrl: tokens.url, publicKey: keys.publicKey });
      if ('error' in v) return v.error;
      assertions.push(call.form.get('client_assertion')!);
      return { status: 200, body: { access_token: JWT_ACCESS_TOKEN, token_type: 'Bearer', expires_in: 300 } };
    };
    const { outputs, statuses } = await runWith(`{ kind: smart-backend, tokenUrl: "${tokens.url}", clientId: bc-backend-1, scope: "system/Appointment.rs", privateKeyFile: key.pem, kid: k1 }`);
    expect(statuses).toEqual(['passed', 'failed', 'failed']);
    expect(assertions).toHaveLength(1);
    // The echoed access token is shown by its decoded header and claims, never as a token.
    expect(outputs['results.json']).toMatch(/JWT header \{\\"alg\\":\\"RS256\\",\\"typ\\":\\"at\+jwt\\"\}/);
    const keyBody = PRIVATE_KEY.split('\n').slice(1, -2).join('');
    // A JWT is shown decoded at most (its claims), never as the token or its signature.
    expectNone(outputs, [JWT_ACCESS_TOKEN, JWT_ACCESS_TOKEN.split('.')[2]!, assertions[0]!, assertions[0]!.split('.')[2]!, keyBody, keyBody.slice(400)]);
  });

  it('a token endpoint that refuses the client: every scenario errors saying why, without the secret', async () => {
    tokens.calls.length = 0;
    tokens.answer = (call) => checkClientCredentials(call, { id: 'booking-client', secret: 'not-the-configured-one', how: 'basic' }) ?? { status: 200, body: { access_token: ACCESS_TOKEN } };
    const { outputs, statuses } = await runWith(oauth2('basic'), { BC_CLIENT_SECRET: CLIENT_SECRET });
    expect(statuses).toEqual(['errored', 'errored', 'errored']);
    // One request to the token endpoint for the run: a 4xx will not change.
    expect(tokens.calls).toHaveLength(1);
    expect(outputs.console).toContain(`no access token: POST ${tokens.url} answered 401 (error "invalid_client": bad client credentials)`);
    expect(outputs['junit.xml']).toMatch(/<error [^>]*type="transport"/);
    expectNone(outputs, [CLIENT_SECRET, Buffer.from(`booking-client:${CLIENT_SECRET}`).toString('base64')]);
  });
});
