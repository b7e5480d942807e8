import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import type { ScenarioStatus } from '../model/result.ts';
import { diffResults, formatDiff, type ResultsDiff } from './diff.ts';
import { MergeError, type ResultsDoc, type ScenarioDoc } from './merge.ts';
import type { StepDoc } from './json.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Check = [outcome: 'pass' | 'fail' | 'error', message: string, pos?: string];

function step(name: string, checks: Check[]): StepDoc {
  return {
    state: 'sent',
    name,
    request: { method: 'GET', url: 'http://t/Slot', headers: {} },
    response: { status: 200, headers: {}, body: '{}', durationMs: 1 },
    checks: checks.map(([outcome, message, pos]) =>
      outcome === 'error' ? { kind: 'fhirpath', level: 'MUST', outcome, cause: 'suite', message, ...(pos ? { pos } : {}) } : { kind: 'status', level: 'MUST', outcome, message, expected: 200, actual: 500, ...(pos ? { pos } : {}) },
    ),
    captureFailures: [],
  } as StepDoc;
}

function scenario(id: string, status: ScenarioStatus = 'passed', more: Partial<ScenarioDoc> = {}): ScenarioDoc {
  return { id, pack: 'p', suite: 's', file: 'suites/p/a.yaml', title: `title of ${id}`, level: 'MUST', requirement: 'r', source: 'src', status, durationMs: 10, steps: [], ...more };
}

function doc(scenarios: ScenarioDoc[]): ResultsDoc {
  return { summary: { target: 'reference', seed: 1, startedAt: '2026-12-02T06:00:00.000Z', durationMs: 100, faults: [], liberties: [], clock: '2026-12-02T06:00:00+00:00' }, scenarios };
}

const diff = (before: ScenarioDoc[], after: ScenarioDoc[], opts = {}): ResultsDiff => diffResults({ file: 'old.json', doc: doc(before) }, { file: 'new.json', doc: doc(after) }, opts);
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('diffResults', () => {
  it('sorts every scenario into new failures, fixes, other status changes, added and removed', () => {
    const d = diff(
      [scenario('A'), scenario('B', 'warned'), scenario('C', 'skipped'), scenario('D', 'failed'), scenario('E', 'errored'), scenario('F'), scenario('G', 'failed'), scenario('GONE'), scenario('SAME', 'failed')],
      [scenario('A', 'failed'), scenario('B', 'errored'), scenario('C', 'failed'), scenario('D'), scenario('E'), scenario('F', 'warned'), scenario('G', 'skipped'), scenario('NEW'), scenario('SAME', 'failed')],
    );
    expect(ids(d.newFailures)).toEqual(['A', 'B', 'C']);
    expect(d.newFailures[1]).toMatchObject({ from: 'warned', to: 'errored' });
    expect(ids(d.fixed)).toEqual(['D', 'E']);
    expect(d.statusChanges.map((c) => `${c.id} ${c.from}→${c.to}`)).toEqual(['F passed→warned', 'G failed→skipped']);
    expect(ids(d.added)).toEqual(['NEW']);
    expect(ids(d.removed)).toEqual(['GONE']);
    expect(d.changedFailures).toEqual([]); // SAME fails for the same (no) reasons
    expect(d.regressions).toEqual(['3 new failures (A, B, C)']);
  });

  it('a scenario failing in both shows the failing checks that went and came, and a changed reason', () => {
    const before = scenario('X', 'failed', { reason: 'status 500', steps: [step('search', [['pass', 'ok'], ['fail', 'status was 500', 'suites/p/a.yaml:10:5'], ['fail', 'no Slot', 'suites/p/a.yaml:12:5']])] });
    const after = scenario('X', 'failed', { reason: 'status 404', steps: [step('search', [['fail', 'status was 404', 'suites/p/a.yaml:10:5'], ['fail', 'no Slot', 'suites/p/a.yaml:12:5']])] });
    const d = diff([before, scenario('Y', 'failed', { steps: [step('s', [['fail', 'm', 'f:1:1']])] })], [after, scenario('Y', 'errored', { steps: [step('s', [['error', 'expression threw', 'f:1:1']])] })]);
    expect(d.changedFailures).toHaveLength(2);
    const [x, y] = d.changedFailures;
    expect(x).toMatchObject({ id: 'X', from: 'failed', to: 'failed', fromReason: 'status 500', reason: 'status 404' });
    expect(x!.gone).toEqual([{ step: 'search', kind: 'status', outcome: 'fail', message: 'status was 500', pos: 'suites/p/a.yaml:10:5' }]);
    expect(x!.came).toEqual([{ step: 'search', kind: 'status', outcome: 'fail', message: 'status was 404', pos: 'suites/p/a.yaml:10:5' }]);
    expect(y).toMatchObject({ id: 'Y', from: 'failed', to: 'errored' });
    expect(y!.came[0]).toMatchObject({ outcome: 'error', message: 'expression threw' });
    // Failing in both is not a regression, whatever changed.
    expect(d.regressions).toEqual([]);
  });

  it('a moved check (same message, another line) is a change: positions are compared too', () => {
    const at = (pos: string) => scenario('X', 'failed', { steps: [step('s', [['fail', 'm', pos]])] });
    expect(diff([at('f:1:1')], [at('f:1:1')]).changedFailures).toEqual([]);
    expect(diff([at('f:1:1')], [at('f:9:1')]).changedFailures[0]).toMatchObject({ gone: [{ pos: 'f:1:1' }], came: [{ pos: 'f:9:1' }] });
  });

  it('an added scenario that fails regresses; a removed one only with failOnRemoved', () => {
    expect(diff([], [scenario('N', 'errored')]).regressions).toEqual(['1 added scenario failing (N)']);
    expect(diff([], [scenario('N', 'warned')]).regressions).toEqual([]);
    expect(diff([scenario('R')], []).regressions).toEqual([]);
    expect(diff([scenario('R')], [], { failOnRemoved: true }).regressions).toEqual(['1 scenario removed (R)']);
  });

  it('refuses a document listing a scenario twice, naming the file', () => {
    try {
      diff([scenario('A'), scenario('A')], []);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(MergeError);
      expect((err as MergeError).problems).toEqual(['old.json: scenario A is listed more than once: a run reports each scenario once']);
    }
  });

  it('formats one section per kind with its count, and none for an empty one', () => {
    const text = formatDiff(diff([scenario('A'), scenario('D', 'failed')], [scenario('A', 'failed', { reason: 'status was 500' }), scenario('D')])).join('\n');
    expect(text).toContain('new failures (1):\n  A  passed → failed  title of A\n      status was 500');
    expect(text).toContain('fixed (1):\n  D  failed → passed  title of D');
    expect(text).toContain('still failing, changed (0): none');
    expect(text).toContain('removed (0): none');
    expect(text).toMatch(/regressed: 1 new failure \(A\)$/);
  });
});

describe('booking-conformance diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bc-diff-'));
  const write = (name: string, value: unknown) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'results.json'), typeof value === 'string' ? value : JSON.stringify(value));
    return join(dir, name);
  };
  const base = write('base', doc([scenario('A'), scenario('B', 'failed')]));
  const worse = write('worse', doc([scenario('A', 'failed'), scenario('B', 'failed')]));
  const better = write('better', doc([scenario('A'), scenario('B')]));

  it('exits 1 on a new failure and 0 without one; folders and results.json files both work', async () => {
    const bad = await cli('diff', base, join(worse, 'results.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('new failures (1):');
    const good = await cli('diff', base, better);
    expect(good.code).toBe(0);
    expect(good.out).toContain('fixed (1):');
    expect(good.out).toContain('no regression');
  });

  it('--json prints one JSON document with every section', async () => {
    const r = await cli('diff', '--json', base, worse);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out) as ResultsDiff;
    expect(Object.keys(d)).toEqual(['old', 'new', 'newFailures', 'fixed', 'changedFailures', 'statusChanges', 'added', 'removed', 'regressions']);
    expect(d.newFailures).toEqual([{ id: 'A', title: 'title of A', file: 'suites/p/a.yaml', from: 'passed', to: 'failed' }]);
    expect(d.old).toMatchObject({ file: join(base, 'results.json'), target: 'reference', total: 2 });
  });

  it('--fail-on-removed gates on a removed scenario', async () => {
    const fewer = write('fewer', doc([scenario('A')]));
    expect((await cli('diff', base, fewer)).code).toBe(0);
    expect((await cli('diff', '--fail-on-removed', base, fewer)).code).toBe(1);
  });

  it('exits 2 naming each bad input and what is wrong with it', async () => {
    const broken = write('broken', '{ not json');
    const wrong = write('wrong', { summary: {}, scenarios: 'no' });
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const r = await cli('diff', broken, wrong);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(broken, 'results.json')}: not JSON`);
    expect(r.err).toContain(`${join(wrong, 'results.json')}: /summary must have required property 'target'`);
    expect(r.out).toBe('');
    const missing = await cli('diff', join(dir, 'empty'), join(dir, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`${join(dir, 'empty')}: no results.json in this folder`);
    expect(missing.err).toContain(`${join(dir, 'nowhere')}: no such file or folder`);
    writeFileSync(join(dir, 'junit.xml'), '<testsuites/>');
    expect((await cli('diff', base, join(dir, 'junit.xml'))).err).toContain('diff reads results.json, not junit.xml');
    expect((await cli('diff', base)).code).toBe(2); // NEW is required
  });
});
