// `import { conformanceTests } from 'booking-conformance/vitest'`: a target's scenarios as vitest tests,
// one per scenario, grouped by suite. The scenarios are chosen when vitest collects (so each has its
// own test name); the run itself happens once, before the first test, at the target's concurrency
// (as the CLI runs them, so pools and picks behave the same); each test then reports its scenario's
// verdict: passed and info pass, warned passes with an annotation (fails with strict), skipped is
// skipped with its reason, failed and errored fail with the verdict's message.

import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ScenarioResult } from '../model/result.ts';
import { filterOf, selectScenarios } from '../runner/select.ts';
import { openInputs } from '../session/session.ts';
import { startTarget, type LiveTarget } from '../targets/embedded.ts';
import { runSuites, type LoadSuitesOptions, type OpenTargetOptions } from './index.ts';

export interface ConformanceTestsOptions extends OpenTargetOptions, LoadSuitesOptions {
  grep?: string;
  tags?: string[];
  seed?: number;
  concurrency?: number;
  /** A SHOULD warning fails its test (as `run --strict`). */
  strict?: boolean;
  /** Time for the whole run, before the first test (default 10 minutes). */
  timeoutMs?: number;
}

export function conformanceTests(opts: ConformanceTestsOptions = {}): void {
  // The CLI's own inputs (targets file, the target, its packs and yours, every refusal), read once here.
  const { workspace, target: configured } = openInputs(opts);
  const selection = selectScenarios(workspace, configured, filterOf(opts));
  let live: LiveTarget | undefined;
  let verdicts: Map<string, ScenarioResult> | undefined;
  beforeAll(async () => {
    live = await startTarget(configured, { faults: opts.faults ?? [], liberties: opts.liberties ?? [] });
    const { results } = await runSuites({ workspace, target: live.target, grep: opts.grep, tags: opts.tags, seed: opts.seed, concurrency: opts.concurrency });
    verdicts = new Map(results.map((r) => [r.id, r]));
  }, opts.timeoutMs ?? 600_000);
  afterAll(async () => {
    await live?.close();
  });
  for (const { suite, scenarios } of selection.suites) {
    describe(`${suite.pack} · ${suite.title}`, () => {
      for (const scenario of scenarios) {
        it(`${scenario.id} ${scenario.title}`, (ctx) => {
          const r = verdicts?.get(scenario.id);
          if (!r) throw new Error(`${scenario.id} was not run`);
          const why = r.reason ?? r.status;
          if (r.status === 'skipped') return ctx.skip(why);
          if (r.status === 'failed' || r.status === 'errored' || (r.status === 'warned' && opts.strict)) throw new Error(`${r.status}: ${why}`);
          if (r.status === 'warned' || r.status === 'info') void ctx.annotate(`${r.status}: ${why}`);
        });
      }
    });
  }
}

