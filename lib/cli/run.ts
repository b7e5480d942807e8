import { join, resolve } from 'node:path';
import { attachConsoleReporter } from '../report/console.ts';
import { attachJsonReporter } from '../report/json.ts';
import { attachJunitReporter } from '../report/junit.ts';
import { RunEvents } from '../runner/events.ts';
import { runSuites, selectScenarios, checkTargetFixtures } from '../runner/run.ts';
import { startTarget, TargetStartError } from '../targets/embedded.ts';
import { UnknownFaultError } from '../reference/server.ts';
import { loadInputs, type Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';
import type { Shard } from '../runner/shard.ts';

export interface RunCommandOptions {
  target?: string;
  targets?: string;
  suite?: string;
  grep?: string;
  tags?: string[];
  out: string;
  seed: number;
  concurrency: number;
  bail: boolean;
  /** Seconds the whole run may take. */
  deadline?: number;
  fault: string[];
  liberty: string[];
  verbose?: boolean;
  shard?: Shard;
}

export async function runCommand(opts: RunCommandOptions, io: Io): Promise<number> {
  const { workspace, target } = loadInputs(opts);
  let live;
  try {
    live = await startTarget(target, { faults: opts.fault, liberties: opts.liberty });
  } catch (err) {
    if (err instanceof UnknownFaultError || err instanceof TargetStartError) {
      io.err(`error: ${err.message}`);
      return EXIT.input;
    }
    throw err;
  }
  // Fixtures are known once the target has started (it may publish some); still before any suite request.
  try {
    checkTargetFixtures(selectScenarios(workspace, live.target, opts.grep, opts.tags, undefined, opts.shard), live.target);
  } catch (err) {
    await live.close();
    throw err;
  }
  const events = new RunEvents();
  const out = resolve(opts.out);
  attachConsoleReporter(events, { write: io.out, ...(opts.verbose ? { verbose: true } : {}) });
  attachJunitReporter(events, join(out, 'junit.xml'));
  attachJsonReporter(events, join(out, 'results.json'));
  try {
    const { summary } = await runSuites({
      workspace,
      target: live.target,
      events,
      seed: opts.seed,
      concurrency: opts.concurrency,
      bail: opts.bail,
      ...(opts.deadline !== undefined ? { deadlineMs: opts.deadline * 1000 } : {}),
      ...(opts.grep ? { grep: opts.grep } : {}),
      ...(opts.tags ? { tags: opts.tags } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
      faults: [...(target.embedded?.faults ?? []), ...opts.fault],
      liberties: [...(target.embedded?.liberties ?? []), ...opts.liberty],
    });
    io.out(`reports: ${join(out, 'junit.xml')}, ${join(out, 'results.json')}`);
    return summary.exitCode;
  } finally {
    await live.close();
  }
}
