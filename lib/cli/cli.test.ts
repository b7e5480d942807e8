import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFaults } from '../reference-target/server.ts';
import { main } from './main.ts';
import { PROJECT_ROOT } from '../session/paths.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('booking-conformance CLI', () => {
  it('lint: the project suites and targets.yaml are valid', async () => {
    const r = await cli('lint');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: \d+ suite files, \d+ scenarios, targets file valid$/);
  });

  it('lint PATH checks just that file, and a path with no suite file is an error', async () => {
    const one = await cli('lint', 'suites/gpconnect-1.2/metadata.yaml');
    expect(one.out).toMatch(/^ok: 1 suite files, 4 scenarios/);
    const none = await cli('lint', 'suites/nowhere.yaml');
    expect(none.code).toBe(2);
    expect(none.err).toContain('suites/nowhere.yaml:1:1: no suite file here');
  });

  it('list: one line per scenario with id, level, pack and title', async () => {
    const r = await cli('list', '--grep', 'GPC-BOOK-031');
    expect(r.code).toBe(0);
    expect(r.out).toBe('GPC-BOOK-031\tMUST\tgpconnect-1.2\tten simultaneous bookings of one slot book it exactly once');
  });

  it('--version prints the package version', async () => {
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.out).toBe(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
  });

  it('a reader that closes the pipe early (list | head) ends the command quietly', { timeout: 30_000 }, () => {
    // head -1: the pipe closes after the first line, while list still writes hundreds.
    const r = spawnSync('sh', ['-c', `node ${join(PROJECT_ROOT, 'lib/cli/bin.mjs')} list | head -1`], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('serve --list-faults prints one fault name per line', async () => {
    const r = await cli('serve', '--list-faults');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(allFaults().map((f) => f.name));
  });

  it('run: exit 1 when a MUST fails, reports written; exit 0 when all pass', { timeout: 60_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'bc-cli-'));
    const failing = await cli('run', '--fault', 'gpc-strong-etag', '--grep', 'GPC-BOOK-003', '--out', out);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('✗ GPC-BOOK-003');
    expect(existsSync(join(out, 'junit.xml')) && existsSync(join(out, 'results.json'))).toBe(true);
    const passing = await cli('run', '--grep', 'GPC-BOOK-003', '--out', out);
    expect(passing.code).toBe(0);
    expect(passing.out).toContain('1 scenarios: 1 passed, 0 failed');
  });

  it('exit 2 for usage, target and suite errors, with nothing sent', async () => {
    expect((await cli('run', '--concurrency', 'lots')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    const noTarget = await cli('run', '--target', 'nope');
    expect(noTarget.code).toBe(2);
    expect(noTarget.err).toMatch(/no target 'nope' in .*targets\.yaml \(targets: reference, reference-served/);
    const badFault = await cli('run', '--fault', 'no-such-fault');
    expect(badFault.code).toBe(2);
    expect(badFault.err).toContain('unknown fault: no-such-fault');
    const dir = mkdtempSync(join(tmpdir(), 'bc-cli-'));
    writeFileSync(join(dir, 't.yaml'), 'targets:\n  x:\n    packs:\n      gpconnect-1.2: { base: "not a url" }\n');
    const badTargets = await cli('run', '--targets', join(dir, 't.yaml'));
    expect(badTargets.code).toBe(2);
    expect(badTargets.err).toMatch(/t\.yaml:4:\d+: base must be an absolute http\(s\) URL/);
    expect(badTargets.err).toContain('nothing was sent');
  });
});
