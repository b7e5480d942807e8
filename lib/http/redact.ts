// Secrets never reach a report or a log: every recorded exchange passes through here.

import type { RecordedRequest, RecordedResponse } from '../model/result.ts';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'http_x_session_key', 'cookie', 'set-cookie']);
export const REDACTED = '[redacted]';

export class Redactor {
  private readonly values: string[];

  constructor(secrets: Iterable<string>) {
    // Longest first, so a token containing another secret is removed whole.
    this.values = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  with(more: Iterable<string>): Redactor {
    return new Redactor([...this.values, ...more]);
  }

  text(input: string): string {
    let out = input;
    for (const v of this.values) out = out.split(v).join(REDACTED);
    return out;
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

  request(r: RecordedRequest): RecordedRequest {
    return { ...r, url: this.text(r.url), headers: this.headers(r.headers), ...(r.body !== undefined ? { body: this.text(r.body) } : {}) };
  }

  response(r: RecordedResponse): RecordedResponse {
    return { ...r, headers: this.headers(r.headers), body: this.text(r.body) };
  }
}
