// The fault sweep, shared by one test file per reference module so vitest can run the modules'
// sweeps in parallel workers: every fault is caught (a MUST scenario fails, a SHOULD one warns, a
// MAY one records info), and every scenario of the module's packs fails under one of its faults.

import { describe, expect, it } from 'vitest';
import type { PackModule } from '../reference-target/types.ts';
import { projectWorkspace, runAgainstReference } from '../session/reference.ts';

export function sweepFaults(module: PackModule): void {
  const faults = [...module.faults];
  const packs = new Set(module.packs.map((p) => p.id));
  const caught = new Map<string, Set<string>>();
  /** Every scenario id the runs ran: an instance entry (pack@label) runs each scenario again as id@label. */
  const ran = new Set<string>();
  describe(`faults of ${[...packs].join(', ')}`, () => {
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
          for (const r of results) ran.add(r.id);
          expect(ids, `no scenario caught ${fault.name}: ${fault.description}`).not.toEqual([]);
        });
      }
    });
    it('every scenario fails under at least one fault of its pack', () => {
      expect(caught.size).toBe(faults.length);
      const proven = new Set([...caught.values()].flatMap((s) => [...s]));
      // Each instance of a scenario must be proven on its own (the same rule at another endpoint).
      const runAs = (id: string) => {
        const instances = [...ran].filter((r) => r === id || r.startsWith(`${id}@`));
        return instances.length > 0 ? instances : [id];
      };
      const unproven = projectWorkspace()
        .suites.filter((s) => packs.has(s.pack))
        .flatMap((s) => s.scenarios.flatMap((sc) => runAs(sc.id).map((id) => `${s.pack} ${id}`)))
        .filter((k) => !proven.has(k.split(' ')[1]!));
      expect(unproven).toEqual([]);
    });
  });
}
