// One token request to an OAuth 2.0 token endpoint (RFC 6749 §3.2, §5): a form POST, answered
// by an access token or an OAuth error. A failure says which endpoint, which status and the
// OAuth `error` field, and never carries what the request sent (a client secret, an assertion).

import { TransportError, type HttpClient, type SendOptions } from '../http/client.ts';
import { Redactor } from '../http/redact.ts';
import type { ErrorCause } from '../model/result.ts';

export interface TokenRequest {
  url: string;
  form: Record<string, string>;
  /** Extra headers (the client's HTTP Basic credential). */
  headers: Record<string, string>;
  /** Every credential the request carries: hidden from any message about it. */
  secrets: string[];
}

export interface AccessToken {
  value: string;
  /** Seconds the token lives, as the endpoint said (absent when it did not). */
  expiresIn?: number;
}

/** No access token: the scenario cannot send its request. */
export class TokenRequestError extends Error {
  constructor(
    message: string,
    /** The step's error cause: the transport kind when the endpoint could not be reached, else 'transport'. */
    readonly errorCause: ErrorCause,
    /** A 4xx (or an unusable answer): asking again in the same run will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const DESCRIPTION_CHARS = 300;

export async function requestAccessToken(http: Pick<HttpClient, 'send'>, req: TokenRequest, opts: SendOptions = {}): Promise<AccessToken> {
  const scrub = new Redactor(req.secrets);
  const fail = (message: string, cause: ErrorCause, permanent: boolean) => new TokenRequestError(scrub.text(`no access token: ${message}`), cause, permanent);
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...req.headers };
  let res;
  try {
    res = await http.send({ method: 'POST', url: req.url, headers, body: new URLSearchParams(req.form).toString() }, opts);
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    throw fail(`the token endpoint ${req.url} could not be reached: ${err.message}`, err.kind === 'other' ? 'transport' : err.kind, false);
  }
  const json = parseJson(res.body);
  if (res.status !== 200) {
    const oauth = oauthError(json, scrub);
    throw fail(`POST ${req.url} answered ${res.status}${oauth ? ` (${oauth})` : ` (not an OAuth error response${res.headers['content-type'] ? `: ${res.headers['content-type']}` : ''})`}`, 'transport', res.status >= 400 && res.status < 500);
  }
  const body = isObject(json) ? json : {};
  const value = body['access_token'];
  if (typeof value !== 'string' || value === '') throw fail(`POST ${req.url} answered 200 without an access_token`, 'transport', true);
  const type = body['token_type'];
  if (typeof type === 'string' && type.toLowerCase() !== 'bearer') throw fail(`POST ${req.url} issued a '${type}' token: only Bearer tokens are supported`, 'transport', true);
  const expiresIn = Number(body['expires_in']);
  return { value, ...(body['expires_in'] !== undefined && Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresIn } : {}) };
}

/** RFC 6749 §5.2: error (required), error_description (optional; cut only once redacted, so a secret it echoes is hidden whole). */
function oauthError(json: unknown, scrub: Redactor): string | undefined {
  if (!isObject(json) || typeof json['error'] !== 'string') return undefined;
  const description = typeof json['error_description'] === 'string' ? scrub.text(json['error_description']).slice(0, DESCRIPTION_CHARS) : undefined;
  return `error "${json['error']}"${description ? `: ${description}` : ''}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
