// The suite is held to its own rule: against the faithful reference target every scenario
// passes, at any concurrency, generating the same data whatever else runs. The other way round
// (every fault caught, every scenario proven by a fault) is faults-gpconnect.test.ts and
// faults-ers.test.ts, one per reference module so they run in parallel.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
import type { ScenarioResult } from '../model/result.ts';
import { packModules } from '../reference-target/packs.ts';
import { allFaults } from '../reference-target/server.ts';
import { runAgainstReference } from '../session/reference.ts';

const notPassed = (results: ScenarioResult[]) => results.filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}: ${r.reason}`);

/** What a scenario generated itself (faker text, NHS numbers): it must not depend on what else ran. */
function generatedTexts(results: ScenarioResult[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of results) {
    const texts = r.steps.flatMap((s) => {
      if (!s.request.body) return [];
      try {
        const b = JSON.parse(s.request.body) as { description?: unknown; comment?: unknown };
        return [b.description, b.comment].filter((v) => typeof v === 'string');
      } catch {
        return [];
      }
    });
    if (texts.length > 0) out.set(r.id, texts.join(' | '));
  }
  return out;
}

describe.concurrent('against the faithful reference target', () => {
  const runs: Record<number, Map<string, string>> = {};
  for (const concurrency of [1, 4, 16]) {
    it(`every scenario passes at --concurrency ${concurrency}`, { timeout: 240_000 }, async () => {
      const { summary, results } = await runAgainstReference({ concurrency });
      expect(notPassed(results)).toEqual([]);
      expect(summary.total).toBeGreaterThanOrEqual(60);
      expect(summary).toMatchObject({ failed: 0, errored: 0, warned: 0, skipped: 0 });
      runs[concurrency] = generatedTexts(results);
    });
  }
  it('a scenario generates the same data alone as in a full run at any concurrency', { timeout: 240_000 }, async () => {
    const alone = generatedTexts((await runAgainstReference({ grep: 'GPC-AMEND-020' })).results);
    expect(alone.get('GPC-AMEND-020')).toBeDefined();
    await expect.poll(() => Object.keys(runs).length, { timeout: 230_000, interval: 500 }).toBe(3);
    expect(runs[1]!.get('GPC-AMEND-020')).toBe(alone.get('GPC-AMEND-020'));
    expect(runs[1]!.size).toBeGreaterThan(10);
    expect([...runs[4]!]).toEqual([...runs[1]!]);
    expect([...runs[16]!]).toEqual([...runs[1]!]);
  });
});

describe('the fault sweep', () => {
  it('has one test file per reference module', () => {
    const sweeps = readdirSync(join(PROJECT_ROOT, 'lib', 'runner')).filter((f) => /^faults-.*\.test\.ts$/.test(f));
    expect(sweeps.length).toBe(packModules.length);
  });
});

describe('the README fault table', () => {
  it('lists every fault', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const missing = allFaults().filter((f) => !readme.includes(`\`${f.name}\``)).map((f) => f.name);
    expect(missing).toEqual([]);
  });
});
