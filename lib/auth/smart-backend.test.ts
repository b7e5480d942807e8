// SMART Backend Services against a local token endpoint that verifies the client assertion with
// the client's public key (RS384 and ES384) and checks its claims; the key comes from a PEM file
// named in targets.yaml beside it. Keys are made when the test runs: none is committed.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../http/client.ts';
import type { SmartBackendAuth } from '../model/target.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import { inputErrorLines } from '../testing/input-errors.ts';
import { checkClientAssertion, startTokenEndpoint, type TokenEndpoint } from '../testing/token-endpoint.ts';
import { AccessTokens } from './access-tokens.ts';
import { ASSERTION_LIFETIME_S, signClientAssertion } from './smart-backend.ts';

const pem = (k: KeyObject) => k.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });

let endpoint: TokenEndpoint;
let http: HttpClient;
let dir: string;

/** A targets file beside the key files, with one smart-backend pack. */
function targetsWith(auth: string): string {
  const file = join(dir, `targets-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `targets:\n  t:\n    packs:\n      p:\n        base: https://fhir.example/r4\n        auth: ${auth}\n`);
  return file;
}

function selected(auth: string): SmartBackendAuth {
  const tf = readTargetsFile(targetsWith(auth), '/');
  return selectTarget(tf, 't', {}).packs['p']!.auth as SmartBackendAuth;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bc-smart-'));
  writeFileSync(join(dir, 'rsa.pem'), pem(rsa.privateKey));
  writeFileSync(join(dir, 'ec.pem'), pem(ec.privateKey));
  writeFileSync(join(dir, 'ec256.pem'), pem(ec256.privateKey));
  writeFileSync(join(dir, 'junk.pem'), '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
  endpoint = await startTokenEndpoint(() => ({ status: 500, body: {} }));
  http = createHttpClient({ verify: true }, 2000);
});
afterAll(async () => {
  await http.close();
  await endpoint.close();
});
afterEach(() => {
  endpoint.calls.length = 0;
});

const smartAuth = (file: string, more = '') => `{ kind: smart-backend, tokenUrl: "${endpoint.url}", clientId: bc-backend-1, scope: "system/Appointment.rs system/Slot.rs", privateKeyFile: ${file}${more} }`;

describe('smart-backend', () => {
  for (const [name, file, keys, alg] of [
    ['RS384', 'rsa.pem', rsa, 'RS384'],
    ['ES384', 'ec.pem', ec, 'ES384'],
  ] as const) {
    it(`posts a ${name} client assertion the endpoint verifies with the public key, and sends the token it answers`, async () => {
      const seen: Array<Record<string, unknown>> = [];
      // One clock for the client and the endpoint: the test moves it instead of sleeping.
      let now = Date.now();
      endpoint.answer = (call) => {
        const v = checkClientAssertion(call, { id: 'bc-backend-1', tokenUrl: endpoint.url, publicKey: keys.publicKey, nowS: Math.floor(now / 1000) });
        if ('error' in v) return v.error;
        seen.push({ ...v.header, ...v.claims, scope: call.form.get('scope') });
        return { status: 200, body: { access_token: `smart-token-${seen.length}`, token_type: 'bearer', expires_in: 300 } };
      };
      const auth = selected(smartAuth(file, ', kid: key-2026'));
      expect(auth).toMatchObject({ alg, privateKeyFile: join(dir, file), kid: 'key-2026' });
      const tokens = new AccessTokens(http, { now: () => now });
      expect(await tokens.token('p', auth)).toBe('smart-token-1');
      expect(await tokens.token('p', auth)).toBe('smart-token-1');
      now += 271_000;
      expect(await tokens.token('p', auth)).toBe('smart-token-2');
      expect(endpoint.calls).toHaveLength(2);
      expect(seen[0]).toMatchObject({ alg, typ: 'JWT', kid: 'key-2026', iss: 'bc-backend-1', sub: 'bc-backend-1', aud: endpoint.url, scope: 'system/Appointment.rs system/Slot.rs' });
      // A new assertion for each fetch: jti never repeats.
      expect(seen[0]!['jti']).not.toBe(seen[1]!['jti']);
    });
  }

  it('an assertion lives at most five minutes', () => {
    const auth = selected(smartAuth('rsa.pem'));
    const claims = JSON.parse(Buffer.from(signClientAssertion(auth, 1_700_000_000).split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
    expect(claims.exp - 1_700_000_000).toBe(ASSERTION_LIFETIME_S);
    expect(ASSERTION_LIFETIME_S).toBeLessThanOrEqual(300);
  });

  it('a refused assertion is a clear error that shows neither the assertion nor the key', async () => {
    endpoint.answer = (call) => {
      const v = checkClientAssertion(call, { id: 'bc-backend-1', tokenUrl: endpoint.url, publicKey: ec.publicKey });
      return 'error' in v ? { status: 401, body: { error: 'invalid_client', error_description: `rejected ${call.form.get('client_assertion')}` } } : { status: 200, body: { access_token: 'x' } };
    };
    const auth = selected(smartAuth('rsa.pem'));
    const err = (await new AccessTokens(http).token('p', auth).catch((e: unknown) => e)) as Error;
    const assertion = endpoint.calls[0]!.form.get('client_assertion')!;
    expect(err.message).toBe(`no access token: POST ${endpoint.url} answered 401 (error "invalid_client": rejected [redacted])`);
    expect(err.message).not.toContain(assertion.split('.')[2]!);
  });

  it('the key file is read beside the targets file, and a key that does not fit is an error at its position', () => {
    const lines = (auth: string) => inputErrorLines(() => selectTarget(readTargetsFile(targetsWith(auth), '/'), 't', {}));
    expect(lines(smartAuth('missing.pem'))).toEqual([expect.stringMatching(/\.yaml:6:\d+: private key file not found: .*missing\.pem$/)]);
    expect(lines(smartAuth('junk.pem'))).toEqual([expect.stringMatching(/\.yaml:6:\d+: .*junk\.pem: not a readable PEM private key/)]);
    expect(lines(smartAuth('ec256.pem'))).toEqual([expect.stringMatching(/ES384 needs a P-384 key \(this one is on prime256v1\)/)]);
    expect(lines(smartAuth('rsa.pem', ', alg: ES384'))).toEqual([expect.stringMatching(/an RSA key signs RS384, not ES384/)]);
    expect(lines(`{ kind: smart-backend, tokenUrl: "/token", clientId: c, scope: s, privateKeyFile: rsa.pem }`)).toEqual([expect.stringMatching(/tokenUrl must be an absolute http\(s\) URL \(got '\/token'\)/)]);
  });

  it('the private key is a secret of the target', () => {
    const tf = readTargetsFile(targetsWith(smartAuth('rsa.pem')), '/');
    expect(selectTarget(tf, 't', {}).secrets).toContain(pem(rsa.privateKey));
  });
});
