// OAuth 2.0 client credentials against a local token endpoint that checks the grant and the
// client's authentication: the token it issues is sent as Bearer, fetched once for many requests,
// fetched again after expiry (a clock is injected, nothing sleeps), and a refusal is a clear error.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../http/client.ts';
import type { PackDef } from '../model/pack.ts';
import type { OAuth2ClientCredentialsAuth } from '../model/target.ts';
import { checkClientCredentials, startTokenEndpoint, type TokenEndpoint } from '../testing/token-endpoint.ts';
import { AccessTokens } from './access-tokens.ts';
import { requestAuthHeaders } from './headers.ts';
import { TokenRequestError } from './token-endpoint.ts';

// A secret with the characters §2.3.1's form-encoding changes.
const CLIENT = { id: 'booking-client', secret: 'cs:7f3a/9b+e1c%42' };
const PACK: PackDef = { id: 'p', title: 'P', fhirVersion: 'r4', auth: 'oauth2-client-credentials', defaultHeaders: {}, interactions: {}, dir: '/' };

let endpoint: TokenEndpoint;
let http: HttpClient;
let issued = 0;

/** null: no expires_in at all. */
function issue(expiresIn: number | null = 3600) {
  return { status: 200, body: { access_token: `at-${++issued}-9d1c2e`, token_type: 'Bearer', ...(expiresIn !== null ? { expires_in: expiresIn } : {}) } };
}

function auth(more: Partial<OAuth2ClientCredentialsAuth> = {}): OAuth2ClientCredentialsAuth {
  return { kind: 'oauth2-client-credentials', tokenUrl: endpoint.url, clientId: CLIENT.id, clientSecret: CLIENT.secret, clientAuth: 'basic', ...more };
}

beforeAll(async () => {
  endpoint = await startTokenEndpoint(() => issue());
  http = createHttpClient({ verify: true }, 2000);
});
afterAll(async () => {
  await http.close();
  await endpoint.close();
});
afterEach(() => {
  endpoint.calls.length = 0;
});

describe('oauth2-client-credentials', () => {
  it('authenticates with client_secret_basic by default, sends scope and audience, and sends the token as Bearer', async () => {
    endpoint.answer = (call) => checkClientCredentials(call, { ...CLIENT, how: 'basic' }) ?? issue();
    const tokens = new AccessTokens(http);
    const got = await requestAuthHeaders({ pack: PACK, auth: auth({ scope: 'system/Appointment.rs system/Slot.rs', audience: 'https://fhir.example/r4' }), base: 'https://x', nowS: 0 }, tokens);
    expect(got.headers).toEqual({ Authorization: expect.stringMatching(/^Bearer at-\d+-9d1c2e$/) });
    expect(got.secrets).toEqual([got.headers['Authorization']!.slice('Bearer '.length)]);
    const call = endpoint.calls[0]!;
    expect(call.form.get('scope')).toBe('system/Appointment.rs system/Slot.rs');
    expect(call.form.get('audience')).toBe('https://fhir.example/r4');
    expect(call.form.has('client_secret')).toBe(false);
    expect(call.headers.accept).toBe('application/json');
  });

  it('puts the client id and secret in the form body with clientAuth: body, and no scope when none is set', async () => {
    endpoint.answer = (call) => checkClientCredentials(call, { ...CLIENT, how: 'body' }) ?? issue();
    const token = await new AccessTokens(http).token('p', auth({ clientAuth: 'body' }));
    expect(token).toMatch(/^at-/);
    expect(endpoint.calls[0]!.form.has('scope')).toBe(false);
    expect(endpoint.calls[0]!.headers.authorization).toBeUndefined();
  });

  it('fetches one token for many requests, concurrent ones included, and a new one once it nears expiry', async () => {
    endpoint.answer = (call) => checkClientCredentials(call, { ...CLIENT, how: 'basic' }) ?? issue(120);
    let now = 1_000_000;
    const tokens = new AccessTokens(http, { now: () => now });
    const a = auth();
    const first = await Promise.all(Array.from({ length: 20 }, () => tokens.token('p', a)));
    expect(new Set(first).size).toBe(1);
    expect(endpoint.calls).toHaveLength(1);
    // 120 s less the 30 s margin: still fresh at 89 s, renewed at 90 s.
    now += 89_000;
    expect(await tokens.token('p', a)).toBe(first[0]);
    expect(endpoint.calls).toHaveLength(1);
    now += 1_000;
    const second = await tokens.token('p', a);
    expect(second).not.toBe(first[0]);
    expect(endpoint.calls).toHaveLength(2);
    // Another target pack has a token of its own.
    await tokens.token('other', auth());
    expect(endpoint.calls).toHaveLength(3);
    expect(tokens.fetches).toBe(3);
  });

  it('keeps a token without expires_in for the default lifetime', async () => {
    endpoint.answer = () => issue(null);
    let now = 0;
    const tokens = new AccessTokens(http, { now: () => now });
    const a = auth();
    const t = await tokens.token('p', a);
    now += 269_000;
    expect(await tokens.token('p', a)).toBe(t);
    now += 1_000;
    expect(await tokens.token('p', a)).not.toBe(t);
  });

  it('a 401 from the token endpoint is a clear error naming the endpoint, the status and the OAuth error, not the secret, and is not asked again', async () => {
    endpoint.answer = (call) => checkClientCredentials(call, { id: CLIENT.id, secret: 'another-secret', how: 'basic' }) ?? issue();
    const tokens = new AccessTokens(http);
    const a = auth();
    const err = (await tokens.token('p', a).catch((e: unknown) => e)) as TokenRequestError;
    expect(err).toBeInstanceOf(TokenRequestError);
    expect(err.message).toBe(`no access token: POST ${endpoint.url} answered 401 (error "invalid_client": bad client credentials)`);
    expect(err.errorCause).toBe('transport');
    expect(err.message).not.toContain(CLIENT.secret);
    await expect(tokens.token('p', a)).rejects.toThrow(/answered 401/);
    expect(endpoint.calls).toHaveLength(1);
  });

  it('tries again after a 5xx, and hides a secret the endpoint echoes', async () => {
    endpoint.answer = () => ({ status: 503, body: { error: 'temporarily_unavailable', error_description: `client_secret=${CLIENT.secret} later` } });
    const tokens = new AccessTokens(http);
    const a = auth();
    const err = (await tokens.token('p', a).catch((e: unknown) => e)) as TokenRequestError;
    expect(err.message).toContain('answered 503 (error "temporarily_unavailable": client_secret=[redacted] later)');
    expect(err.permanent).toBe(false);
    endpoint.answer = () => issue();
    expect(await tokens.token('p', a)).toMatch(/^at-/);
    expect(endpoint.calls).toHaveLength(2);
  });

  it('an endpoint that cannot be reached, an answer without a token, and a token that is not Bearer are errors', async () => {
    const closed = new AccessTokens(http);
    await expect(closed.token('p', auth({ tokenUrl: 'http://127.0.0.1:9/token' }))).rejects.toThrow(/^no access token: the token endpoint http:\/\/127\.0\.0\.1:9\/token could not be reached/);
    endpoint.answer = () => ({ status: 200, body: { token_type: 'Bearer' } });
    await expect(new AccessTokens(http).token('p', auth())).rejects.toThrow(/answered 200 without an access_token/);
    endpoint.answer = () => ({ status: 200, body: { access_token: 'x', token_type: 'DPoP' } });
    await expect(new AccessTokens(http).token('p', auth())).rejects.toThrow(/issued a 'DPoP' token: only Bearer tokens are supported/);
  });

  it('jwt.omit sends no Authorization and fetches nothing; jwt.raw sends that token instead', async () => {
    endpoint.answer = () => issue();
    const tokens = new AccessTokens(http);
    const req = { pack: PACK, auth: auth(), base: 'https://x', nowS: 0 };
    expect((await requestAuthHeaders({ ...req, jwt: { omit: true, remove: [], set: [] } }, tokens)).headers).toEqual({});
    expect((await requestAuthHeaders({ ...req, jwt: { omit: false, raw: 'not-a-token', remove: [], set: [] } }, tokens)).headers).toEqual({ Authorization: 'Bearer not-a-token' });
    expect(endpoint.calls).toHaveLength(0);
  });
});
