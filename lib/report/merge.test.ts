import { verdictExit } from '../cli/exit-codes.ts';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import type { ScenarioStatus } from '../model/result.ts';
import { RunEvents } from '../runner/events.ts';
import { runAgainstReference } from '../session/reference.ts';
import { idsInShard } from '../runner/shard.ts';
import { attachConsoleReporter } from './console.ts';
import { attachJsonReporter } from './json.ts';
import { attachJunitReporter } from './junit.ts';
import { MergeError, mergeResults, parseResultsDoc, type MergeInput, type ResultsDoc, type ScenarioDoc } from './merge.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Row = [id: string, file: string, status?: ScenarioStatus];

function scenario([id, file, status = 'passed']: Row): ScenarioDoc {
  return { id, pack: 'p', suite: 's', file, title: `title of ${id}`, level: 'MUST', requirement: 'r', source: 'src', status, durationMs: 10, steps: [] };
}

function doc(rows: Row[], summary: Partial<ResultsDoc['summary']> = {}): ResultsDoc {
  return {
    summary: { target: 'reference', seed: 1, startedAt: '2026-12-02T06:00:00.000Z', durationMs: 100, faults: [], liberties: [], clock: '2026-12-02T06:00:00+00:00', ...summary },
    scenarios: rows.map(scenario),
  };
}

/** The inputs n shards of `rows` would write, as the runner cuts them. */
function shards(rows: Row[], total: number, summary: Partial<ResultsDoc['summary']> = {}): MergeInput[] {
  const selection = rows.map((r) => r[0]);
  return Array.from({ length: total }, (_, i) => {
    const mine = idsInShard(selection, { index: i + 1, total });
    const startedAt = `2026-12-02T06:0${i}:00.000Z`;
    return { file: `shard-${i + 1}/results.json`, doc: doc(rows.filter((r) => mine.has(r[0])), { startedAt, shard: { index: i + 1, total, selection }, ...summary }) };
  });
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof MergeError) return err.problems;
    throw err;
  }
  throw new Error('expected a MergeError');
}

// An unsharded run's order: pack folders, then files, each file's scenarios as written (not by id).
const ROWS: Row[] = [
  ['ERS-A015-002', 'suites/ers-a016/a015.yaml'],
  ['ERS-A015-001', 'suites/ers-a016/a015.yaml', 'warned'],
  ['ERS-A016-001', 'suites/ers-a016/a016.yaml', 'errored'],
  ['ERSAPIM-001', 'suites/ers-a016-apim/a.yaml'],
  ['ERSBD-040', 'suites/ers-bookdirect/bd.yaml', 'skipped'],
  ['ERSBD-030', 'suites/ers-bookdirect/bd.yaml'],
  ['GPC-BOOK-001', 'suites/gpconnect-1.2/book.yaml'],
];

describe('mergeResults', () => {
  it('restores the unsharded order from the recorded selection, whatever order the shards come in', () => {
    const inputs = shards(ROWS, 3);
    const merged = mergeResults([inputs[2]!, inputs[0]!, inputs[1]!]);
    expect(merged.scenarios.map((s) => s.id)).toEqual(ROWS.map((r) => r[0]));
    expect(merged.summary.merged.map((m) => m.shard)).toEqual(['1/3', '2/3', '3/3']);
    expect(merged.summary).not.toHaveProperty('shard');
  });

  it('recomputes the counts, sums the durations, starts at the earliest shard and exits as the run would', () => {
    const merged = mergeResults(shards(ROWS, 3)).summary;
    expect(merged).toMatchObject({ total: 7, passed: 4, failed: 0, warned: 1, skipped: 1, errored: 1, durationMs: 300, startedAt: '2026-12-02T06:00:00.000Z' });
    expect(verdictExit(merged)).toBe(3);
    const failing = ROWS.map((r): Row => (r[0] === 'GPC-BOOK-001' ? [r[0], r[1], 'failed'] : r));
    expect(verdictExit(mergeResults(shards(failing, 2)).summary)).toBe(1);
    expect(verdictExit(mergeResults(shards(ROWS.filter((r) => !r[2]), 2)).summary)).toBe(0);
  });

  it('orders whole runs by pack folder, then file, keeping each file’s order', () => {
    const gpc = { file: 'gpc/results.json', doc: doc(ROWS.filter((r) => r[0].startsWith('GPC'))) };
    const ers = { file: 'ers/results.json', doc: doc(ROWS.filter((r) => !r[0].startsWith('GPC'))) };
    expect(mergeResults([gpc, ers]).scenarios.map((s) => s.id)).toEqual(ROWS.map((r) => r[0]));
  });

  it('refuses inputs that disagree on the seed or the target, naming the files', () => {
    const [a, b, c] = shards(ROWS, 3);
    c!.doc.summary.seed = 2;
    b!.doc.summary.target = 'my-provider';
    const found = problems(() => mergeResults([a!, b!, c!]));
    expect(found).toContain("the inputs disagree on the target: target 'reference' in shard-1/results.json, shard-3/results.json; target 'my-provider' in shard-2/results.json");
    expect(found).toContain('the inputs disagree on the seed: seed 1 in shard-1/results.json, shard-2/results.json; seed 2 in shard-3/results.json');
  });

  it('refuses inputs run with other faults or liberties', () => {
    const [a, b] = shards(ROWS, 2);
    b!.doc.summary.faults = ['gpc-strong-etag'];
    expect(problems(() => mergeResults([a!, b!]))[0]).toMatch(/^the inputs disagree on the faults: faults \[\] in shard-1\/results.json; faults \[gpc-strong-etag\] in shard-2/);
  });

  it('a scenario in two inputs is an error naming both', () => {
    const a = { file: 'a/results.json', doc: doc(ROWS.slice(0, 3)) };
    const b = { file: 'b/results.json', doc: doc(ROWS.slice(2)) };
    expect(problems(() => mergeResults([a, b]))).toEqual(['scenario ERS-A016-001 is in both a/results.json and b/results.json: each scenario must come from one input']);
  });

  it('a missing shard, a shard given twice or shards of different cuts are errors', () => {
    const [a, b, c] = shards(ROWS, 3);
    expect(problems(() => mergeResults([a!, c!]))).toEqual(['shard 2/3 is missing: no input is that shard (did its job fail before writing results.json?)']);
    expect(problems(() => mergeResults([a!, b!, c!, { ...b!, file: 'again/results.json' }]))).toContain('shard 2/3 is given twice: shard-2/results.json, again/results.json');
    const [, other] = shards(ROWS, 2);
    expect(problems(() => mergeResults([a!, other!]))[0]).toMatch(/^the inputs disagree on the number of shards: 3 shards in shard-1\/results.json; 2 shards in shard-2\/results.json/);
    const [, , fewer] = shards(ROWS.slice(1), 3);
    expect(problems(() => mergeResults([a!, b!, fewer!]))[0]).toMatch(/^the inputs disagree on the selection the shards were cut from/);
  });

  it('a shard merged with a whole run is an error', () => {
    const [a] = shards(ROWS, 2);
    expect(problems(() => mergeResults([a!, { file: 'whole/results.json', doc: doc([]) }]))).toEqual([
      'shard-1/results.json is shard 1/2 but whole/results.json is not from a sharded run: merge the shards of one run, or whole runs',
    ]);
  });

  it('a document that is not a results.json is refused with the file and the JSON path', () => {
    const bad = doc(ROWS);
    (bad.scenarios[1] as { status: string }).status = 'fine';
    expect(problems(() => parseResultsDoc('x/results.json', bad))[0]).toMatch(/^x\/results.json: \/scenarios\/1\/status must be equal to one of the allowed values/);
    expect(problems(() => parseResultsDoc('y.json', { hello: 1 }))[0]).toMatch(/^y.json: \(the document\) must have required property 'summary'/);
    expect(problems(() => parseResultsDoc('z.json', doc([], { startedAt: 'yesterday' })))).toEqual(["z.json: /summary/startedAt is not a date-time ('yesterday')"]);
  });
});

describe('booking-conformance merge', () => {
  it('bad inputs exit 2 and say which input and why; nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-merge-'));
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    const r = await cli('merge', '--out', join(dir, 'out'), join(dir, 'empty'), join(dir, 'broken.json'), join(dir, 'nowhere'), join(dir, 'junit.xml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'empty')}: no results.json in this folder`);
    expect(r.err).toContain(`${join(dir, 'broken.json')}: not JSON`);
    expect(r.err).toContain(`${join(dir, 'nowhere')}: no such file or folder`);
    expect(r.err).toContain('nothing was merged');
    expect((await cli('merge', join(dir, 'empty'))).code).toBe(2); // --out is required
  });

  it('the merge of 3 shards of a real run equals the unsharded run, in results.json and junit.xml', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-merge-'));
    const header: string[] = [];
    const reportRun = async (out: string, shard?: { index: number; total: number }) => {
      const events = new RunEvents();
      if (shard?.index === 2) attachConsoleReporter(events, { write: (l) => header.push(l) });
      attachJsonReporter(events, join(dir, out, 'results.json'));
      attachJunitReporter(events, join(dir, out, 'junit.xml'));
      // Shards at another concurrency than the whole run: the cut must not depend on it.
      return runAgainstReference({ grep: 'A015', events, ...(shard ? { shard, concurrency: 3 } : {}) });
    };
    const whole = await reportRun('whole');
    const cut = [];
    for (const index of [1, 2, 3]) cut.push(await reportRun(`shard-${index}`, { index, total: 3 }));
    expect(whole.results.length).toBeGreaterThan(20);
    expect(new Set(whole.results.map((r) => r.file)).size).toBeGreaterThan(1);
    for (const c of cut) expect(c.results.length).toBeGreaterThanOrEqual(Math.floor(whole.results.length / 3));

    const r = await cli('merge', '--out', join(dir, 'merged'), ...[3, 1, 2].map((i) => join(dir, `shard-${i}`)));
    expect(r.err).toBe('');
    expect(r.code).toBe(verdictExit(whole.summary));
    const merged = JSON.parse(readFileSync(join(dir, 'merged', 'results.json'), 'utf8')) as ResultsDoc & { summary: Record<string, unknown> };
    expect(merged.scenarios.map((s) => [s.id, s.status])).toEqual(whole.results.map((s) => [s.id, s.status]));
    const counts = (s: Record<string, unknown>) => ({ total: s.total, passed: s.passed, failed: s.failed, warned: s.warned, skipped: s.skipped, errored: s.errored, info: s.info, seed: s.seed, target: s.target });
    expect(counts(merged.summary)).toEqual(counts(whole.summary as unknown as Record<string, unknown>));
    expect(merged.summary.durationMs).toBe(cut.reduce((n, c) => n + c.summary.durationMs, 0));

    // The same test suites and cases in the same order, with the same counts, as the unsharded junit.xml.
    const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
    const outline = (xml: string) =>
      [...xml.matchAll(/<(testsuites|testsuite|testcase|failure|error|skipped)\b[^>]*>/g)].map((m) => [m[1], attr(m[0], 'name'), attr(m[0], 'tests'), attr(m[0], 'failures'), attr(m[0], 'errors'), attr(m[0], 'skipped')].join('|'));
    const wholeXml = outline(readFileSync(join(dir, 'whole', 'junit.xml'), 'utf8'));
    expect(wholeXml.filter((l) => l.startsWith('testcase|')).length).toBe(whole.results.length);
    expect(wholeXml.filter((l) => l.startsWith('testcase|')).map((l) => l.split('|')[1]!.split(' ')[0])).toEqual(whole.results.map((r) => r.id));
    expect(outline(readFileSync(join(dir, 'merged', 'junit.xml'), 'utf8'))).toEqual(wholeXml);
    expect(readFileSync(join(dir, 'shard-2', 'junit.xml'), 'utf8')).toContain('<property name="shard" value="2/3"/>');
    expect(header[0]).toContain(`${cut[1]!.results.length} scenarios (shard 2/3 of ${whole.results.length})`);
    const shard2 = JSON.parse(readFileSync(join(dir, 'shard-2', 'results.json'), 'utf8')) as ResultsDoc;
    expect(shard2.summary.shard).toEqual({ index: 2, total: 3, selection: whole.results.map((r) => r.id) });
  });
});
