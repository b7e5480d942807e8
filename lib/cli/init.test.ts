// A supplier's own pack, kept outside the tool: `init` scaffolds one that lints clean and passes
// against the embedded target; --suites and a targets file's `suites:` load it beside the built-in
// packs; a clash or a wrong folder is a clear input error.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function scaffolded(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'bc-init-')), 'packs');
  return dir;
}

describe('your own pack', () => {
  it('init scaffolds a pack and a targets file that lint clean and pass against the embedded target', { timeout: 60_000 }, async () => {
    const dir = scaffolded();
    const made = await cli('init', dir, '--pack', 'acme-booking');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain('acme-booking/pack.yaml');
    const targets = join(dir, 'targets.yaml');
    const lint = await cli('lint', '--targets', targets);
    expect(lint.err).toBe('');
    expect(lint.code).toBe(0);
    const run = await cli('run', '--targets', targets, '--out', join(dir, 'reports'));
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/1 scenarios: 1 passed, 0 failed/);
    const results = JSON.parse(readFileSync(join(dir, 'reports', 'results.json'), 'utf8')) as { scenarios: Array<{ id: string; pack: string }> };
    expect(results.scenarios.map((s) => [s.pack, s.id])).toEqual([['acme-booking', 'MY-BOOK-001']]);
  });

  it('init refuses a folder with files in it, and a bad pack id', async () => {
    const dir = scaffolded();
    await cli('init', dir);
    const again = await cli('init', dir);
    expect(again.code).toBe(2);
    expect(again.err).toContain('is not empty');
    expect((await cli('init', scaffolded(), '--pack', 'Bad Id')).err).toContain("--pack 'Bad Id'");
  });

  it('--suites loads a pack folder given on the command line, and says where nothing is found', async () => {
    const dir = scaffolded();
    await cli('init', dir);
    const targets = join(dir, 'targets.yaml');
    writeFileSync(targets, readFileSync(targets, 'utf8').replace('suites: [.]\n', ''));
    // Without its folder the target names a pack no suite has.
    expect((await cli('list', '--targets', targets)).err).toMatch(/my-pack/);
    const listed = await cli('list', '--targets', targets, '--suites', join(dir, 'my-pack'));
    expect(listed.out).toContain('MY-BOOK-001\tMUST\tmy-pack');
    const nowhere = await cli('lint', '--targets', targets, '--suites', join(dir, 'nope'));
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toContain('nope:1:1: no such folder');
  });

  it('a pack id used twice is an error naming both pack.yaml files', async () => {
    const dir = scaffolded();
    await cli('init', dir);
    cpSync(join(dir, 'my-pack'), join(dir, 'copy'), { recursive: true });
    const lint = await cli('lint', '--targets', join(dir, 'targets.yaml'));
    expect(lint.code).toBe(2);
    expect(lint.err).toMatch(/(copy|my-pack)\/pack\.yaml:1:1: pack 'my-pack' is already defined by .*(copy|my-pack)\/pack\.yaml: pack ids must be unique/);
  });
});
