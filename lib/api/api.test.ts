// The library entry as another project sees it: `import 'booking-conformance'` through package.json
// exports (the compiled dist/), and `booking-conformance/vitest` turning scenarios into vitest tests
// (examples/vitest), with a fault so a failing test and its message are seen.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
// @ts-expect-error: plain JavaScript without declarations (lib/cli/fingerprint.mjs)
import { FINGERPRINT_FILE, sourceFingerprint } from '../cli/fingerprint.mjs';

/** The exports point at dist/: build it when the sources moved on since (CI's npm ci has just built it). */
function ensureBuilt(): void {
  let recorded = '';
  try {
    recorded = readFileSync(FINGERPRINT_FILE as string, 'utf8');
  } catch {
    // no build yet
  }
  if (recorded === JSON.stringify((sourceFingerprint as () => unknown)())) return;
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'lib', 'cli', 'build.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

beforeAll(ensureBuilt, 120_000);

describe('the library entry', () => {
  it('loads suites, opens the embedded target and runs from another project, through package.json exports', { timeout: 60_000 }, () => {
    const project = mkdtempSync(join(tmpdir(), 'bc-consumer-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(PROJECT_ROOT, join(project, 'node_modules', 'booking-conformance'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(project, 'run.mjs'),
      `import { loadSuites, openTarget, runSuites, RunEvents } from 'booking-conformance';
const events = new RunEvents();
const seen = [];
events.on('scenario:end', (r) => seen.push(r.id));
const workspace = loadSuites();
const live = await openTarget();
try {
  const { summary, results } = await runSuites({ workspace, target: live.target, events, grep: 'GPC-SESSION' });
  console.log(JSON.stringify({ summary, statuses: results.map((r) => [r.id, r.status]), seen: seen.sort() }));
} finally {
  await live.close();
}
`,
    );
    const r = spawnSync(process.execPath, ['run.mjs'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { summary: { passed: number }; statuses: string[][]; seen: string[] };
    expect(out.statuses).toEqual([
      ['GPC-SESSION-001', 'passed'],
      ['GPC-SESSION-002', 'passed'],
      ['GPC-SESSION-003', 'passed'],
    ]);
    expect(out.seen).toEqual(['GPC-SESSION-001', 'GPC-SESSION-002', 'GPC-SESSION-003']);
    expect(out.summary.passed).toBe(3);
  });

  it('booking-conformance/vitest makes one test per scenario, failing with the verdict where the target fails it', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'examples/vitest/vitest.config.ts', '--reporter=json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, BC_FAULT: 'gpc-slot-reference-dropped' },
    });
    const report = JSON.parse(r.stdout) as { testResults: Array<{ assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }> };
    const tests = report.testResults.flatMap((f) => f.assertionResults).map((a) => [a.title.split(' ')[0], a.status, a.failureMessages[0]?.split('\n')[0] ?? '']);
    expect(tests).toEqual([
      ['GPC-SESSION-001', 'failed', expect.stringMatching(/^Error: failed: book the chosen slot for the patient found: FHIRPath Appointment\.slot\.reference contains/)],
      ['GPC-SESSION-002', 'passed', ''],
      ['GPC-SESSION-003', 'failed', expect.stringMatching(/^Error: failed: book a slot the wider search offered/)],
    ]);
    expect(r.status).toBe(1);
  });
});
