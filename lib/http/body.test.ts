// What checks and reports make of a body: decoding that never hides bad bytes, redirects told
// apart from other 3xx answers, and records that stay small and say when they were cut.

import { describe, expect, it } from 'vitest';
import { parseBody, recordResponse, RECORDED_BODY_BYTES } from './body.ts';
import type { HttpResponse } from './client.ts';
import { decodeBody } from './decode.ts';
import { Redactor } from './redact.ts';

const response = (status: number, body: string, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body, durationMs: 1, bodyBytes: Buffer.byteLength(body) });

describe('decoding', () => {
  it('finds the first bad byte even after a U+FFFD the target really sent', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"\uFFFD'), Buffer.from([0xc3]), Buffer.from('"}')]);
    expect(decodeBody(bytes, false).invalidAt).toBe(Buffer.byteLength('{"a":"\uFFFD'));
  });

  it('keeps offsets right after a byte-order mark, and accepts valid UTF-8 of any width', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(decodeBody(Buffer.concat([bom, Buffer.from('ab'), Buffer.from([0xff])]), false).invalidAt).toBe(5);
    expect(decodeBody(Buffer.from('{"name":"Zoë 🙂 Ł"}'), false)).toEqual({ text: '{"name":"Zoë 🙂 Ł"}' });
  });

  it('does not call a truncated body invalid for a character cut at the cap', () => {
    const cut = Buffer.from('ab🙂').subarray(0, 4);
    expect(decodeBody(cut, true).invalidAt).toBeUndefined();
  });
});

describe('parsing for checks', () => {
  it('says a 302 is a redirect, with where it points, but treats 304 as an ordinary answer', () => {
    expect(parseBody(response(302, '<a>moved</a>', { location: 'https://elsewhere.example/' })).notJson).toBe('the target answered a redirect (302 to https://elsewhere.example/), which the runner does not follow');
    expect(parseBody(response(304, '')).notJson).toBe('empty body');
  });
});

describe('recording', () => {
  it('keeps a short body whole and says nothing', () => {
    const rec = recordResponse(response(200, '{"resourceType":"Basic"}'), new Redactor([]));
    expect(rec.body).toBe('{"resourceType":"Basic"}');
    expect(rec.bodyCut).toBeUndefined();
  });

  it('cuts a long body to the recorded prefix at a character boundary and says how much came', () => {
    const body = 'é'.repeat(RECORDED_BODY_BYTES); // 2 bytes each: twice the limit
    const rec = recordResponse(response(200, body), new Redactor([]));
    expect(Buffer.byteLength(rec.body)).toBe(RECORDED_BODY_BYTES);
    expect(rec.body.endsWith('é')).toBe(true);
    expect(rec.bodyCut).toEqual({ keptBytes: RECORDED_BODY_BYTES, receivedBytes: 2 * RECORDED_BODY_BYTES });
  });

  it('redacts before cutting, so a secret across the cut leaves no fragment', () => {
    const secret = 'session-key-0123456789abcdef';
    const body = 'x'.repeat(RECORDED_BODY_BYTES - 10) + secret + 'y'.repeat(100);
    const rec = recordResponse(response(200, body), new Redactor([secret]));
    expect(rec.body).not.toContain(secret.slice(0, 10));
    expect(rec.body).toContain('[redacted]'.slice(0, 10));
  });
});
