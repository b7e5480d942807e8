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

  with(more: Iterable<string>): Redactor {
    const added = [...more];
    return new Redactor([...this.values, ...added, ...added.flatMap(jwtParts)]);
  }

  text(input: string): string {
    let out = input;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    // The cheap look first: most bodies hold neither, and the patterns are costly on large ones.
    if (out.includes('eyJ')) out = out.replace(JWT, `${REDACTED} JWT`);
    if (out.includes('@') && out.includes('://')) out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
    return out;
  }

  /** Every string inside a JSON-like value (messages, expected and actual values, step errors). */
  value<T>(input: T): T {
    if (typeof input === 'string') return this.text(input) as T;
    if (Array.isArray(input)) return input.map((v) => this.value(v)) as T;
    if (input !== null && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, this.value(v)])) as T;
    }
    return input;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(headers).map(([k, v]) => {
        if (!SECRET_HEADERS.has(k.toLowerCase())) return [k, this.text(v)];
        const scheme = /^(Bearer|Basic)\s/i.exec(v)?.[1];
        return [k, scheme ? `${scheme} ${REDACTED}` : REDACTED];
      }),
    );
  }

  request(r: HttpRequest): HttpRequest {
    return { ...r, url: this.text(r.url), headers: this.headers(r.headers), ...(r.body !== undefined ? { body: this.text(r.body) } : {}) };
  }

  response(r: RecordedResponse): RecordedResponse {
    return { ...r, headers: this.headers(r.headers), body: this.text(r.body) };
  }
}

/** A JWT's claims segment alone is as telling as the token: a target may echo just that. */
function jwtParts(token: string): string[] {
  const parts = token.split('.');
  return parts.length === 3 && parts[1]!.length >= 8 ? [parts[1]!] : [];
}
