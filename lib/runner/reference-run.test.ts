// The suite is held to its own rule: zero failures against the faithful reference target,
// and every fault in the catalogue caught: a MUST scenario fails, or — for a fault that breaks
// a SHOULD rule — a SHOULD scenario warns.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/paths.ts';
import { allFaults } from '../reference/server.ts';
import { runAgainstReference } from './programmatic.ts';

describe('against the faithful reference target', () => {
  it('every scenario passes', { timeout: 180_000 }, async () => {
    const { summary, results } = await runAgainstReference();
    const notPassed = results.filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}: ${r.reason}`);
    expect(notPassed).toEqual([]);
    expect(summary.total).toBeGreaterThanOrEqual(60);
    expect(summary.exitCode).toBe(0);
  });
});

describe.concurrent('against each fault of the reference target', () => {
  const faults = allFaults();
  it('the catalogue is not empty', () => {
    expect(faults.length).toBeGreaterThanOrEqual(5);
  });
  for (const fault of faults) {
    it(`${fault.name} is caught by at least one scenario`, { timeout: 180_000 }, async () => {
      const { results } = await runAgainstReference({ faults: [fault.name], packs: [fault.pack] });
      const caught = results.filter((r) => r.status === 'failed' || r.status === 'warned');
      expect(caught.map((r) => r.id), `no scenario caught ${fault.name}: ${fault.description}`).not.toEqual([]);
    });
  }
});

describe('the README fault table', () => {
  it('lists every fault', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const missing = allFaults().filter((f) => !readme.includes(`\`${f.name}\``)).map((f) => f.name);
    expect(missing).toEqual([]);
  });
});
