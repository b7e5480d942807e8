// A failed check names the YAML line it was written on, in the console (with the line and a
// caret), in JUnit and in results.json; and the console shows every failing check, not only the first.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { PROJECT_ROOT } from '../session/paths.ts';

async function run(...argv: string[]) {
  const lines: string[] = [];
  const code = await main(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, console: lines.join('\n') };
}

/** Runs one scenario under a fault; the run must fail, and these are its first scenario's failing checks. */
async function failingRun(fault: string, grep: string) {
  const out = mkdtempSync(join(tmpdir(), 'bc-pos-'));
  const r = await run('run', '--fault', fault, '--grep', grep, '--out', out);
  expect(r.code).toBe(1);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const failed = results.scenarios[0].steps.flatMap((s: any) => s.checks).filter((c: any) => c.outcome !== 'pass');
  return { r, out, failed };
}

describe('results point at their YAML line', () => {
  it('console, junit.xml and results.json name file:line:col of the failed check', { timeout: 60_000 }, async () => {
    const { r, out, failed } = await failingRun('gpc-strong-etag', 'GPC-BOOK-003');
    expect(failed.map((c: any) => c.kind)).toEqual(['etag']);
    const [file, line, col] = (failed[0].pos as string).split(':');
    // The position is the etag check's own value in the suite file.
    const text = readFileSync(join(PROJECT_ROOT, file!), 'utf8').split('\n')[Number(line) - 1]!;
    expect(text.slice(Number(col) - 1)).toMatch(/^version\b/);
    expect(text).toMatch(/etag:/);
    expect(r.console).toContain(`${failed[0].pos}: book the slot: [etag]`);
    expect(r.console).toContain(`${line} | ${text}`);
    expect(r.console).toMatch(new RegExp(`\\| {${Number(col)}}\\^`));
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(`message="${failed[0].pos}: `);
  });

  it('the console shows every failing check of a scenario with expected and actual', { timeout: 60_000 }, async () => {
    // Without meta.versionId, more than one check of the step fails.
    const { r, failed } = await failingRun('gpc-no-version-id', 'GPC-BOOK-016');
    expect(failed.length).toBeGreaterThan(1);
    for (const c of failed) expect(r.console).toContain(`[${c.kind}] ${c.message}`);
    expect(r.console.match(/^ +expected: /gm)?.length).toBeGreaterThanOrEqual(failed.length);
  });
});
