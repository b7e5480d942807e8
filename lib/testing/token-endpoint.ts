// Test helper: a local OAuth 2.0 token endpoint on 127.0.0.1 that checks what a client sends
// (the grant, its client authentication, a SMART client assertion's signature and claims) and
// answers a token or an OAuth error, recording every call.

import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenCall {
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
  contentType: string;
}

export interface TokenAnswer {
  status: number;
  body: unknown;
}

export interface TokenEndpoint {
  url: string;
  calls: TokenCall[];
  /** What the endpoint answers; replace it to change its mind mid-test. */
  answer: (call: TokenCall) => TokenAnswer;
  close(): Promise<void>;
}

export async function startTokenEndpoint(answer: (call: TokenCall) => TokenAnswer): Promise<TokenEndpoint> {
  const endpoint = { url: '', calls: [] as TokenCall[], answer, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const call = { headers: req.headers, form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')), contentType: req.headers['content-type'] ?? '' };
      endpoint.calls.push(call);
      const { status, body } = req.method === 'POST' ? endpoint.answer(call) : { status: 405, body: { error: 'invalid_request' } };
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
  endpoint.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return endpoint;
}

const oauthError = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });

/** RFC 6749 §2.3.1 and §4.4: client_credentials, the client by HTTP Basic or by the body, as `how` says. */
export function checkClientCredentials(call: TokenCall, client: { id: string; secret: string; how: 'basic' | 'body' }): TokenAnswer | undefined {
  if (!call.contentType.startsWith('application/x-www-form-urlencoded')) return oauthError(400, 'invalid_request', `form body expected, got ${call.contentType}`);
  if (call.form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `grant_type ${call.form.get('grant_type')}`);
  const basic = /^Basic (.+)$/.exec(call.headers.authorization ?? '')?.[1];
  if (client.how === 'basic') {
    if (!basic || call.form.has('client_secret')) return oauthError(401, 'invalid_client', 'client_secret_basic expected');
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
    if (id !== client.id || secret !== client.secret) return oauthError(401, 'invalid_client', 'bad client credentials');
  } else {
    if (basic) return oauthError(401, 'invalid_client', 'client_secret_post expected');
    if (call.form.get('client_id') !== client.id || call.form.get('client_secret') !== client.secret) return oauthError(401, 'invalid_client', 'bad client credentials');
  }
  return undefined;
}

export interface VerifiedAssertion {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/**
 * SMART Backend Services: the client assertion's type, its signature by the client's public key
 * (RS384, or ES384 as r||s), and its claims: iss = sub = client id, aud = this endpoint, exp at
 * most five minutes ahead, a jti.
 */
export function checkClientAssertion(call: TokenCall, client: { id: string; tokenUrl: string; publicKey: KeyObject | string; nowS?: number }): { error: TokenAnswer } | VerifiedAssertion {
  const fail = (d: string) => ({ error: oauthError(401, 'invalid_client', d) });
  if (call.form.get('grant_type') !== 'client_credentials') return { error: oauthError(400, 'unsupported_grant_type', 'client_credentials expected') };
  if (call.form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return fail('client_assertion_type');
  if (call.headers.authorization) return fail('no Authorization header expected');
  const jwt = call.form.get('client_assertion') ?? '';
  const [h, c, s] = jwt.split('.');
  if (!h || !c || !s) return fail('not a signed JWT');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Record<string, unknown>;
  const key = typeof client.publicKey === 'string' ? createPublicKey(client.publicKey) : client.publicKey;
  const expected = key.asymmetricKeyType === 'ec' ? 'ES384' : 'RS384';
  if (header['alg'] !== expected) return fail(`alg ${String(header['alg'])}, expected ${expected}`);
  const ok = verify('sha384', Buffer.from(`${h}.${c}`), expected === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key, Buffer.from(s, 'base64url'));
  if (!ok) return fail('bad signature');
  const now = client.nowS ?? Math.floor(Date.now() / 1000);
  if (claims['iss'] !== client.id || claims['sub'] !== client.id) return fail('iss and sub must be the client id');
  if (claims['aud'] !== client.tokenUrl) return fail(`aud ${String(claims['aud'])}`);
  const exp = claims['exp'];
  if (typeof exp !== 'number' || exp <= now || exp > now + 300) return fail(`exp ${String(exp)} not within five minutes`);
  if (typeof claims['jti'] !== 'string' || claims['jti'] === '') return fail('jti');
  return { header, claims };
}
