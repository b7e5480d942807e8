// An HTTP body as a report keeps it: the parsed value when the body is JSON (so a reader sees a
// FHIR resource, not an escaped string), else the text; a body over the report's limit is cut to
// its first bytes and marked, and then kept as text (half a JSON document does not parse).

/** What results.json and report.html keep of one body: a reader needs its start; the evidence pack keeps it whole. */
export const REPORT_BODY_BYTES = 8 * 1024;

export interface BodyCut {
  keptBytes: number;
  receivedBytes: number;
}

/** `json`: the body parsed; `body`: the body as text (not JSON, or cut). Never both. */
export type BodyField = { json: unknown } | { body: string };

/** At most `max` bytes of UTF-8, never ending inside a character. */
export function cutUtf8(text: string, max: number): string {
  if (text.length <= max / 4 || Buffer.byteLength(text, 'utf8') <= max) return text;
  return Buffer.from(text, 'utf8').subarray(0, max).toString('utf8').replace(/\uFFFD$/, '');
}

function parsedJson(text: string): { value: unknown } | undefined {
  const t = text.trimStart();
  // Only documents: a bare number or string would read back as the same text, but says nothing a reader needs parsed.
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The body as a report field, cut at `maxBytes`. `earlierCut` is a cut already made (the runner
 * keeps at most 64 KiB of a response): the mark then counts the bytes the target really sent.
 */
export function bodyField(text: string, maxBytes: number = REPORT_BODY_BYTES, earlierCut?: BodyCut): BodyField & { bodyCut?: BodyCut } {
  const kept = Number.isFinite(maxBytes) ? cutUtf8(text, maxBytes) : text;
  if (kept.length < text.length) {
    return { body: kept, bodyCut: { keptBytes: Buffer.byteLength(kept, 'utf8'), receivedBytes: earlierCut?.receivedBytes ?? Buffer.byteLength(text, 'utf8') } };
  }
  if (earlierCut) return { body: text, bodyCut: earlierCut };
  const json = parsedJson(text);
  return json ? { json: json.value } : { body: text };
}

/** The body's text back from a report field (a parsed body is written compactly, as JSON targets mostly send it). */
export function bodyText(field: { json?: unknown; body?: string }): string | undefined {
  if ('json' in field && field.json !== undefined) return JSON.stringify(field.json);
  return field.body;
}
