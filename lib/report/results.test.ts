// results.json as its reader gets it: the default run's file validates against
// results.schema.json (ajv), every field of the schema is described, bodies are JSON values (not
// escaped strings) unless cut, cut ones are marked, and readers refuse a version they do not know.

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { readResultsInput } from '../cli/results-input.ts';
import { RunEvents } from '../runner/events.ts';
import { runAgainstReference } from '../session/reference.ts';
import { REPORT_BODY_BYTES } from './body-doc.ts';
import { attachJsonReporter, RESULTS_SCHEMA_VERSION } from './json.ts';
import { MergeError } from './merge.ts';

const SCHEMA = JSON.parse(readFileSync(join(import.meta.dirname, 'results.schema.json'), 'utf8')) as Record<string, unknown>;

type Body = { json?: unknown; body?: string; bodyCut?: { keptBytes: number; receivedBytes: number } };
interface Doc {
  schemaVersion: number;
  scenarios: { steps: { request: Body; response?: Body & { status: number } }[] }[];
}

let dir = '';
let text = '';
let doc: Doc;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bc-results-'));
  const events = new RunEvents();
  attachJsonReporter(events, join(dir, 'results.json'));
  await runAgainstReference({ events });
  text = readFileSync(join(dir, 'results.json'), 'utf8');
  doc = JSON.parse(text) as Doc;
}, 120_000);

/** Every property declared anywhere in the schema, with the path it is declared at. */
function declaredProperties(node: unknown, path: string, out: { path: string; def: Record<string, unknown> }[] = []): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => declaredProperties(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && v && typeof v === 'object') {
        for (const [name, def] of Object.entries(v as Record<string, Record<string, unknown>>)) out.push({ path: `${path}.${name}`, def });
      }
      declaredProperties(v, `${path}.${k}`, out);
    }
  }
  return out;
}

describe('results.json of the default run', () => {
  it('validates against results.schema.json', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);
    const ok = validate(doc);
    expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    expect(doc.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(doc.scenarios.length).toBeGreaterThan(100);
  });

  it('keeps bodies as JSON values, cuts big ones to REPORT_BODY_BYTES and marks them', () => {
    const bodies = doc.scenarios.flatMap((s) => s.steps.flatMap((st) => [st.request, ...(st.response ? [st.response] : [])]));
    const parsed = bodies.filter((b) => b.json !== undefined);
    const cut = bodies.filter((b) => b.bodyCut);
    expect(parsed.length).toBeGreaterThan(100);
    expect(cut.length).toBeGreaterThan(0);
    for (const b of bodies) {
      if (b.body === undefined) continue;
      expect(Buffer.byteLength(b.body, 'utf8')).toBeLessThanOrEqual(REPORT_BODY_BYTES);
      // A text body that is a whole JSON document would have been kept parsed.
      if (!b.bodyCut && /^\s*[[{]/.test(b.body)) expect(() => JSON.parse(b.body!)).toThrow();
    }
    for (const b of cut) {
      expect(b.json).toBeUndefined();
      expect(b.bodyCut!.keptBytes).toBeLessThanOrEqual(REPORT_BODY_BYTES);
      expect(b.bodyCut!.receivedBytes).toBeGreaterThan(b.bodyCut!.keptBytes);
    }
    // Sized for its reader: the default run's results.json stays well under 10 MB.
    expect(statSync(join(dir, 'results.json')).size).toBeLessThan(10_000_000);
  });

  it('is read back by merge and diff, and a version they do not know is refused by name', () => {
    expect(readResultsInput(join(dir, 'results.json'), 'diff').doc.scenarios.length).toBe(doc.scenarios.length);
    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...doc, schemaVersion: RESULTS_SCHEMA_VERSION + 1 }));
    expect(() => readResultsInput(future, 'diff')).toThrow(MergeError);
    expect(() => readResultsInput(future, 'merge')).toThrow(new RegExp(`schemaVersion ${RESULTS_SCHEMA_VERSION + 1} is not one this tool reads .*newer booking-conformance`));
    const odd = join(dir, 'odd.json');
    writeFileSync(odd, JSON.stringify({ ...doc, schemaVersion: 'two' }));
    expect(() => readResultsInput(odd, 'merge')).toThrow(/schemaVersion "two" is not one this tool reads/);
    // Version 1 (no schemaVersion, bodies as strings) is still read: a baseline from before stays comparable.
    const v1 = join(dir, 'v1.json');
    const { schemaVersion: _v, ...old } = doc;
    writeFileSync(v1, JSON.stringify({ ...old, scenarios: [{ ...doc.scenarios[0], steps: [] }] }));
    expect(readResultsInput(v1, 'diff').doc.scenarios).toHaveLength(1);
  });
});

describe('results.schema.json', () => {
  it('describes every field it declares', () => {
    const props = declaredProperties(SCHEMA, '$');
    expect(props.length).toBeGreaterThan(60);
    // A $ref is described where it points; the step's oneOf branches only narrow fields declared (and described) above them.
    const undescribed = props.filter(({ path, def }) => typeof def['description'] !== 'string' && typeof def['$ref'] !== 'string' && !/\.oneOf\[\d+\]\./.test(path));
    expect(undescribed.map((p) => p.path)).toEqual([]);
  });
});
