// Secrets never reach a report or a log: every recorded exchange, message, expected and actual
// value passes through here before the runner emits it.

import type { HttpRequest, RecordedResponse } from '../model/result.ts';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'http_x_session_key', 'cookie', 'set-cookie']);
export const REDACTED = '[redacted]';

/**
 * Any JWT or part of one, signed or not (GP Connect's end with an empty signature), wherever a
 * target echoes it: base64url JSON ("eyJ...") and the segments joined to it.
 */
const JWT = /eyJ[A-Za-z0-9_-]{16,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
/** Credentials written into a URL: https://user:password@host. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/gi;

export class Redactor {
  private readonly values: string[];

  constructor(secrets: Iterable<string>) {
    // Longest first, so a token containing another secret is removed whole.
    this.values = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  /**
   * A redactor that also hides these request secrets. A JWT among them is not a secret whole: its
   * claims are what a reader needs (an expired-JWT scenario must show its exp), so only its
   * signature is added; text() shows the rest decoded.
   */
  with(more: Iterable<string>): Redactor {
    const added = [...more];
    // Most requests carry no secret of their own: the same values, so the same redactor.
    if (added.length === 0) return this;
    return new Redactor([...this.values, ...added.flatMap((v) => signatureOf(v) ?? [v])]);
  }

  text(input: string): string {
    let out = input;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    // The cheap look first: most bodies hold neither, and the patterns are costly on large ones.
    if (out.includes('eyJ')) out = out.replace(JWT, (token) => this.describeJwt(token));
    if (out.includes('@') && out.includes('://')) out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
    return out;
  }

  /**
   * Every string inside a JSON-like value (messages, expected and actual values, step errors).
   * Copy on write: a part with nothing to redact is returned as it is (nothing mutates a result
   * once judged), so a step result is not copied whole for every request.
   */
  value<T>(input: T): T {
    if (typeof input === 'string') return this.text(input) as T;
    if (input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < input.length; i++) {
        const v = this.value(input[i] as unknown);
        if (v !== input[i]) (out ??= input.slice())[i] = v;
      }
      return (out ?? input) as T;
    }
    if (Object.getPrototypeOf(input) !== Object.prototype) return input;
    const src = input as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(src)) {
      const v = this.value(src[k]);
      if (v !== src[k]) setOwn((out ??= copyOwn(src)), k, v);
    }
    return (out ?? input) as T;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of Object.keys(headers)) {
      const v = headers[k]!;
      let shown: string;
      if (!SECRET_HEADERS.has(k.toLowerCase())) shown = this.text(v);
      else {
        const bearer = /^Bearer\s+(\S+)$/i.exec(v)?.[1];
        if (bearer && decodeJwt(bearer)) shown = `Bearer ${this.describeJwt(bearer)}`;
        else {
          const scheme = /^(Bearer|Basic)\s/i.exec(v)?.[1];
          shown = scheme ? `${scheme} ${REDACTED}` : REDACTED;
        }
      }
      setOwn(out, k, shown);
    }
    return out;
  }

  /** A JWT as a reader can check it: header and claims decoded (secret values in them redacted), never the signature. */
  private describeJwt(token: string): string {
    const jwt = decodeJwt(token);
    if (!jwt) return `${REDACTED} JWT`;
    const signature = jwt.signed ? `signature ${REDACTED}` : 'unsigned';
    // Values only: the decoded JSON holds no base64, so the JWT pattern cannot loop on it.
    let shown = `JWT header ${JSON.stringify(jwt.header)} claims ${JSON.stringify(jwt.claims)} (${signature})`;
    for (const v of this.values) if (shown.includes(v)) shown = shown.split(v).join(REDACTED);
    // Claims carry URLs (aud), which may carry credentials.
    return shown.replace(URL_USERINFO, `$1${REDACTED}@`);
  }

  request(r: HttpRequest): HttpRequest {
    return { ...r, url: this.text(r.url), headers: this.headers(r.headers), ...(r.body !== undefined ? { body: this.text(r.body) } : {}) };
  }

  response(r: RecordedResponse): RecordedResponse {
    return { ...r, headers: this.headers(r.headers), body: this.text(r.body) };
  }
}

/** A plain object's own enumerable keys in order, "__proto__" included as an own key (as Object.fromEntries makes it). */
function copyOwn(src: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) setOwn(out, k, src[k]);
  return out;
}

function setOwn(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

interface DecodedJwt {
  header: unknown;
  claims: unknown;
  signed: boolean;
}

/** header.claims.signature with both JSON parts decodable; anything else is not shown as a JWT. */
function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = jsonSegment(parts[0]!);
  const claims = jsonSegment(parts[1]!);
  if (!isPlainObject(header) || !isPlainObject(claims)) return undefined;
  return { header, claims, signed: parts[2]!.length > 0 };
}

function jsonSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The signature of a signed JWT (what would let a reader replay it); undefined for anything else. */
function signatureOf(value: string): string[] | undefined {
  const jwt = decodeJwt(value);
  if (!jwt) return undefined;
  const signature = value.split('.')[2]!;
  return signature.length >= 4 ? [signature] : [];
}
