// Nothing green by accident, and never a lost or stale report: unknown pack ids, empty
// selections, unwritable report folders, interrupted runs and internal errors each get their
// own exit code, and the reports in --out are always today's.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { attachJsonReporter } from '../report/json.ts';
import { RunEvents } from '../runner/events.ts';
import { projectWorkspace } from '../session/reference.ts';
import { runSelected } from '../session/session.ts';
import { startTarget } from '../targets/embedded.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import { EXIT } from './exit-codes.ts';
import { main } from './main.ts';
import { PROJECT_ROOT } from '../session/paths.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The project's targets file with the reference target changed by `edit`. */
function targetsWith(edit: (reference: Record<string, any>) => void): string {
  const doc = parse(readFileSync(join(PROJECT_ROOT, 'targets.yaml'), 'utf8'), { merge: true }) as { targets: Record<string, any> };
  const reference = structuredClone(doc.targets.reference);
  edit(reference);
  const dir = mkdtempSync(join(tmpdir(), 'bc-life-'));
  const file = join(dir, 'targets.yaml');
  writeFileSync(file, stringify({ default: 'reference', targets: { reference } }));
  return file;
}

const outDir = () => mkdtempSync(join(tmpdir(), 'bc-out-'));

describe('nothing green by accident', () => {
  it('a misspelt pack id in targets.yaml is an error at its key, in run and lint', { timeout: 60_000 }, async () => {
    const file = targetsWith((r) => {
      r.packs['gpconnect-12'] = r.packs['gpconnect-1.2'];
      delete r.packs['gpconnect-1.2'];
    });
    const run = await cli('run', '--targets', file, '--out', outDir());
    expect(run.code).toBe(EXIT.input);
    expect(run.err).toMatch(/targets\.yaml:\d+:\d+: target 'reference': no spec pack 'gpconnect-12' in suites\/ \(did you mean 'gpconnect-1\.2'\?\)/);
    const lint = await cli('lint', '--targets', file);
    expect(lint.code).toBe(EXIT.input);
    expect(lint.err).toContain("no spec pack 'gpconnect-12'");
  });

  it('filters that select nothing exit 4, unless --allow-empty', async () => {
    const none = await cli('run', '--grep', 'NO-SUCH-SCENARIO', '--out', outDir());
    expect(none.code).toBe(EXIT.nothingJudged);
    expect(none.err).toContain('nothing was judged: the filters selected no scenario');
    expect((await cli('run', '--grep', 'NO-SUCH-SCENARIO', '--allow-empty', '--out', outDir())).code).toBe(EXIT.ok);
  });

  it('a target that is not a test environment, so every writing scenario is skipped, exits 4', { timeout: 60_000 }, async () => {
    const file = targetsWith((r) => (r.testEnvironment = false));
    const r = await cli('run', '--targets', file, '--grep', 'GPC-META-00', '--out', outDir());
    expect(r.code).toBe(EXIT.ok);
    const writes = await cli('run', '--targets', file, '--grep', 'GPC-BOOK-00', '--out', outDir());
    expect(writes.out).toMatch(/- GPC-BOOK-001 .*\[skipped\]/);
    expect(writes.code).toBe(EXIT.nothingJudged);
    expect(writes.err).toMatch(/every writing scenario \(\d+\) was skipped: the target is not declared a test environment/);
  });
});

describe('never a lost or stale report', () => {
  it("removes an earlier run's reports before anything is sent", async () => {
    const out = outDir();
    writeFileSync(join(out, 'results.json'), '{"stale": true}');
    writeFileSync(join(out, 'junit.xml'), '<stale/>');
    // A run that stops before its first request (an unknown fault) leaves no report, and no stale one either.
    const r = await cli('run', '--fault', 'no-such-fault', '--out', out);
    expect(r.code).toBe(EXIT.input);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
    expect(existsSync(join(out, 'junit.xml'))).toBe(false);
    const fresh = await cli('run', '--grep', 'NO-SUCH-SCENARIO', '--allow-empty', '--out', out);
    expect(fresh.code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toMatchObject({ summary: { total: 0 } });
  });

  it('an unwritable --out is found before anything is sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-out-'));
    writeFileSync(join(dir, 'a-file'), '');
    const r = await cli('run', '--grep', 'GPC-META-001', '--out', join(dir, 'a-file', 'reports'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/cannot write reports to .*a-file\/reports \(ENOTDIR\); nothing was sent/);
    expect(r.out).toBe('');
  });

  for (const [signal, code] of [['SIGINT', EXIT.sigint], ['SIGTERM', EXIT.sigterm]] as const) {
    it(`${signal} stops sending, writes the reports so far marked incomplete, and exits ${code}`, { timeout: 120_000 }, async () => {
      const out = outDir();
      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'lib/cli/bin.mjs'), 'run', '--out', out], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let seen = '';
      child.stdout.on('data', (d: Buffer) => {
        seen += d.toString();
        // Interrupt once a few scenarios have finished.
        if ((seen.match(/✓/g) ?? []).length >= 5 && !child.killed) child.kill(signal);
      });
      const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(exit).toBe(code);
      expect(seen).toContain(`INCOMPLETE: the run was interrupted by ${signal}`);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.summary.incomplete).toBe(`the run was interrupted by ${signal}`);
      const ran = results.scenarios.filter((s: any) => s.status !== 'skipped');
      expect(ran.length).toBeGreaterThanOrEqual(5);
      expect(results.scenarios.filter((s: any) => s.skipCause === 'interrupted').length).toBeGreaterThan(100);
      expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('name="incomplete"');
    });
  }

  it('an internal error mid-run still writes what ran, marked incomplete', { timeout: 60_000 }, async () => {
    const tf = readTargetsFile(join(PROJECT_ROOT, 'targets.yaml'), PROJECT_ROOT);
    const live = await startTarget(selectTarget(tf, 'reference'));
    const out = join(outDir(), 'results.json');
    const events = new RunEvents();
    attachJsonReporter(events, out);
    let ended = 0;
    events.on('scenario:end', () => {
      if (++ended === 3) throw new Error('a reporter bug');
    });
    try {
      await expect(runSelected({ workspace: projectWorkspace(), target: live.target, events, seed: 1, grep: 'GPC-META' })).rejects.toThrow('a reporter bug');
    } finally {
      await live.close();
    }
    expect(existsSync(out)).toBe(true);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.summary.incomplete).toBe('internal error: a reporter bug');
    expect(results.scenarios.length).toBeGreaterThanOrEqual(2);
  });
});

