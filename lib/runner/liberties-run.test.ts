// The dual of the fault sweep: every liberty is a freedom a conformant provider has, so with it
// on no scenario may fail (a liberty that skips a SHOULD may make its SHOULD scenario warn).
// Each liberty runs every suite of the packs its module serves; then all liberties at once run
// every suite.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
import type { ScenarioResult } from '../model/result.ts';
import { packModules } from '../reference-target/packs.ts';
import { allLiberties } from '../reference-target/server.ts';
import type { LibertyDef } from '../reference-target/types.ts';
import { runAgainstReference } from '../session/reference.ts';

/** Every pack served by the module that declares this liberty: one world, so one liberty can touch them all. */
function packsOf(liberty: LibertyDef): string[] {
  const module = packModules.find((m) => m.liberties.some((l) => l.name === liberty.name))!;
  return module.packs.map((p) => p.id);
}

function brokenBy(results: ScenarioResult[], allowWarnings: boolean): string[] {
  return results
    .filter((r) => r.status === 'failed' || r.status === 'errored' || (r.status === 'warned' && !allowWarnings))
    .map((r) => `${r.id} ${r.status}: ${r.reason}`);
}

describe('the liberty catalogue', () => {
  it('has at least 25 liberties, each with the clause that grants it', () => {
    const liberties = allLiberties();
    expect(liberties.length).toBeGreaterThanOrEqual(25);
    expect(liberties.filter((l) => l.grantedBy.trim().length < 10).map((l) => l.name)).toEqual([]);
    expect(new Set(liberties.map((l) => l.name)).size).toBe(liberties.length);
  });

  it('the README lists every liberty', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(allLiberties().filter((l) => !readme.includes(`\`${l.name}\``)).map((l) => l.name)).toEqual([]);
  });
});

describe.concurrent('against each liberty of the reference target', () => {
  for (const liberty of allLiberties()) {
    it(`${liberty.name}: no scenario fails`, { timeout: 180_000 }, async () => {
      const { results } = await runAgainstReference({ liberties: [liberty.name], packs: packsOf(liberty), concurrency: 4 });
      expect(brokenBy(results, liberty.should === true), liberty.description).toEqual([]);
      expect(results.filter((r) => r.status === 'passed').length).toBeGreaterThan(0);
    });
  }
});

describe('against every liberty at once', () => {
  it('no scenario fails', { timeout: 300_000 }, async () => {
    const { results } = await runAgainstReference({ liberties: allLiberties().map((l) => l.name), concurrency: 4 });
    expect(brokenBy(results, true)).toEqual([]);
  });
});
