// What a response body is to the checks (JSON, or why not) and to the reports (a bounded,
// redacted record that says when it was cut).

import type { RecordedResponse } from '../model/result.ts';
import type { HttpResponse } from './client.ts';
import type { Redactor } from './redact.ts';

/** Reports keep at most this much of a body, so a huge answer cannot make a huge report. */
export const RECORDED_BODY_BYTES = 64 * 1024;

export interface ParsedBody {
  json: unknown;
  /** Why the body is not JSON, in words a supplier understands; checks that look inside the body fail with it. */
  notJson?: string;
}

/** How much of a body that is not JSON is redacted before its start is quoted: a secret is never cut in half first. */
const PREVIEW_WINDOW = 8192;

export function parseBody(res: HttpResponse, redact: (text: string) => string = (t) => t): ParsedBody {
  if (res.truncated) {
    return { json: undefined, notJson: `the body exceeded the cap of ${res.truncated.limitBytes} bytes (maxBodyBytes): reading stopped after ${res.truncated.receivedBytes} bytes` };
  }
  if (res.invalidUtf8) return { json: undefined, notJson: `the body is not valid UTF-8 (the first bad byte is at offset ${res.invalidUtf8.offset})` };
  if (isRedirect(res)) {
    // A redirect's body is not the answer; say so rather than judge its HTML.
    return { json: undefined, notJson: redirectNote(res)! };
  }
  if (res.body.length === 0) return { json: undefined, notJson: 'empty body' };
  const json = tryJson(res.body);
  if (json !== undefined) return { json };
  const type = res.headers['content-type'] ?? 'no content-type';
  const start = redact(res.body.slice(0, PREVIEW_WINDOW)).slice(0, 60).replace(/\s+/g, ' ');
  return { json: undefined, notJson: `${type}, starting '${start}'` };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The statuses that send a client elsewhere; 304 Not Modified and 300 are answers, not redirects. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function isRedirect(res: HttpResponse): boolean {
  return REDIRECTS.has(res.status);
}

/** A redirect is answered, not followed: the runner never chases a redirect on a supplier's behalf. */
export function redirectNote(res: HttpResponse): string | undefined {
  if (!isRedirect(res)) return undefined;
  const to = res.headers['location'];
  return `the target answered a redirect (${res.status}${to ? ` to ${to}` : ', without a Location'}), which the runner does not follow`;
}

/** The response as reports keep it: redacted first (a secret is never cut in half and left), then bounded. */
export function recordResponse(res: HttpResponse, redactor: Redactor): RecordedResponse {
  const redacted = redactor.response({ status: res.status, headers: res.headers, body: res.body, durationMs: res.durationMs });
  const cut = cutText(redacted.body, RECORDED_BODY_BYTES);
  const received = res.truncated?.receivedBytes ?? res.bodyBytes ?? Buffer.byteLength(res.body, 'utf8');
  return {
    ...redacted,
    body: cut,
    ...(cut.length < redacted.body.length || res.truncated ? { bodyCut: { keptBytes: Buffer.byteLength(cut, 'utf8'), receivedBytes: received } } : {}),
    ...(res.truncated ? { truncated: res.truncated } : {}),
    ...(res.invalidUtf8 ? { invalidUtf8: res.invalidUtf8 } : {}),
  };
}

/** At most `max` bytes of UTF-8, never ending inside a character. */
function cutText(text: string, max: number): string {
  if (text.length <= max / 4 || Buffer.byteLength(text, 'utf8') <= max) return text;
  return Buffer.from(text, 'utf8').subarray(0, max).toString('utf8').replace(/\uFFFD$/, '');
}

/** A check that failed on a redirect says it was a redirect, so "expected 200, received 302" is not the whole story. */
export function withRedirectNote<V extends { outcome: 'pass' | 'fail'; message: string }>(verdict: V, res: HttpResponse): V {
  const note = redirectNote(res);
  if (verdict.outcome === 'pass' || !note || verdict.message.includes(note)) return verdict;
  return { ...verdict, message: `${verdict.message}: ${note}` };
}
