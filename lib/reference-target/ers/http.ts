// Small response helpers and the per-generation headers every response carries.

import { randomUUID } from 'node:crypto';
import { parseJson } from '../../common/json.ts';
import type { RefRequest, RefResponse, Reply } from '../types.ts';
import type { ErsEnv } from './env.ts';
import { OutcomeError, type Generation } from './outcome.ts';

export const FHIR_JSON = 'application/fhir+json';

export function fhirResponse(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': `${FHIR_JSON}; charset=utf-8`, ...headers }, body };
}

export function plainResponse(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

export function weakEtag(version: number | string): string {
  return `W/"${version}"`;
}

/** Parse a JSON request body; an empty or unparseable body is a malformed request (400 in every generation). */
export function parseJsonBody(req: RefRequest): unknown {
  if (req.rawBody.trim() === '') throw new OutcomeError('MISSING_VALUE', 'the request has no body', { status: 400 });
  const body = parseJson(req.rawBody);
  if (body === undefined) throw new OutcomeError('INVALID_VALUE', 'the request body is not valid JSON', { status: 400 });
  return body;
}

/** Media types each generation accepts for a request body. */
const BODY_TYPES: Record<Generation, readonly string[]> = {
  G0: ['application/json+fhir', 'application/fhir+json', 'application/json'],
  G1: ['application/fhir+json', 'application/json', 'application/json+fhir', '*/*'],
  G2: ['application/fhir+json', 'application/json'],
};

/** 415 unless the request body is declared as one of the JSON types this generation takes. */
export function unsupportedMediaType(gen: Generation, req: RefRequest): Reply | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  // The legacy pages allow */*, so an absent Content-Type is taken as JSON there.
  if (type === '' && gen === 'G1') return undefined;
  if (BODY_TYPES[gen].includes(type)) return undefined;
  return plainResponse(415, `Unsupported Media Type: ${type || '(none)'}`);
}

/** 406 when the client only accepts something other than JSON. */
export function notAcceptable(env: ErsEnv, req: RefRequest): Reply | undefined {
  const accept = req.headers['accept'];
  if (!accept) return undefined;
  const ok = accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    // application/json+fhir is the FHIR JSON type the alpha (G0) clients send (DSTU2 naming).
    .some((t) => t === '*/*' || t === 'application/*' || t.endsWith('json') || t.endsWith('+json') || (t === 'application/json+fhir' && !env.fault('ers-bookdirect-json-fhir-not-acceptable')));
  return ok ? undefined : plainResponse(406, `Not Acceptable: ${accept}`);
}

const EXPOSE = 'x-correlation-id,x-request-id,content-type,Location,ETag,Content-Disposition,Content-Length,Cache-Control';
const EXTRA_HEADERS: Record<Generation, Record<string, string>> = {
  G0: { 'Cache-Control': 'no-cache', 'Content-Disposition': 'inline;filename=f.txt' },
  G1: { 'Cache-Control': 'no-cache', 'Content-Disposition': 'inline;filename=f.txt' },
  G2: { 'Cache-Control': 'no-cache', 'access-control-expose-headers': EXPOSE },
};

/** Tracing headers: G2 echoes X-Correlation-ID and names the transaction in X-Request-ID; G0/G1 send X_ERS_TRANSACTION_ID. */
export function withTracingHeaders(env: ErsEnv, gen: Generation, req: RefRequest, res: RefResponse): RefResponse {
  const headers: Record<string, string> = { ...(res.headers ?? {}) };
  const transactionId = `${randomUUID()}-1`;
  if (gen === 'G2') {
    if (!env.fault('ers-apim-no-request-id')) headers['X-Request-ID'] = transactionId;
    const correlation = req.headers['x-correlation-id'];
    if (correlation && !env.fault('ers-apim-correlation-id-not-echoed')) headers['X-Correlation-ID'] = correlation;
    if (headers['ETag'] && env.fault('ers-apim-strong-etag')) headers['ETag'] = headers['ETag'].replace(/^W\//, '');
  } else {
    headers['X_ERS_TRANSACTION_ID'] = transactionId;
  }
  // Headers the live services add that no client relies on.
  if (env.liberty('ers-extra-response-headers')) Object.assign(headers, EXTRA_HEADERS[gen]);
  return { ...res, headers };
}
