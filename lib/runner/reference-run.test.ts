// The suite is held to its own rule, both ways. Against the faithful reference target every
// scenario passes, at any concurrency. Every fault in the catalogue is caught (a MUST scenario
// fails, a SHOULD scenario warns, or a MAY scenario records info). And every scenario
// is proven: it fails (or warns) under at least one fault of its pack.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/paths.ts';
import type { ScenarioResult } from '../model/result.ts';
import { allFaults } from '../reference/server.ts';
import { projectWorkspace, runAgainstReference } from './programmatic.ts';

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

describe('against each fault of the reference target', () => {
  const faults = allFaults();
  const caught = new Map<string, Set<string>>();
  it('the catalogue is not empty', () => {
    expect(faults.length).toBeGreaterThanOrEqual(5);
  });
  describe.concurrent('each fault', () => {
    for (const fault of faults) {
      it(`${fault.name} is caught by at least one scenario`, { timeout: 180_000 }, async () => {
        const { results } = await runAgainstReference({ faults: [fault.name], packs: [fault.pack], concurrency: 4 });
        // Caught at the scenario's own level: a MUST fails, a SHOULD warns, a MAY is recorded as info.
        const ids = results.filter((r) => r.status === 'failed' || r.status === 'warned' || r.status === 'info').map((r) => r.id);
        caught.set(fault.name, new Set(ids));
        expect(ids, `no scenario caught ${fault.name}: ${fault.description}`).not.toEqual([]);
      });
    }
  });
  it('every scenario fails under at least one fault of its pack', () => {
    expect(caught.size).toBe(faults.length);
    const proven = new Set([...caught.values()].flatMap((s) => [...s]));
    const unproven = projectWorkspace().suites.flatMap((s) => s.scenarios.map((sc) => `${s.pack} ${sc.id}`)).filter((k) => !proven.has(k.split(' ')[1]!));
    expect(unproven).toEqual([]);
  });
});

describe('the README fault table', () => {
  it('lists every fault', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const missing = allFaults().filter((f) => !readme.includes(`\`${f.name}\``)).map((f) => f.name);
    expect(missing).toEqual([]);
  });
});
