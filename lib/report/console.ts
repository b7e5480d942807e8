import type { ScenarioResult } from '../model/result.ts';
import type { RunEvents } from '../runner/events.ts';
import { failureLines } from './failures.ts';

const MARK = { passed: '✓', failed: '✗', warned: '!', info: 'i', skipped: '-', errored: 'E' } as const;

export interface ConsoleOptions {
  write(line: string): void;
  verbose?: boolean;
}

function writeScenario(r: ScenarioResult, opts: ConsoleOptions): void {
  if (r.status === 'passed' && !opts.verbose && !r.reason) {
    opts.write(`  ${MARK.passed} ${r.id} ${r.title}`);
    return;
  }
  opts.write(`  ${MARK[r.status]} ${r.id} ${r.title}${r.status === 'passed' ? '' : ` [${r.status}]`}`);
  // Every failing check, each with its position, expected and actual (not only the first).
  const failures = r.status === 'failed' || r.status === 'warned' || r.status === 'errored' ? failureLines(r) : [];
  if (failures.length > 0) for (const line of failures) opts.write(`      ${line}`);
  else if (r.reason) opts.write(`      ${r.reason}`);
}

/** One line per scenario, a reason under anything that did not pass, and a summary. */
export function attachConsoleReporter(events: RunEvents, opts: ConsoleOptions): void {
  events.on('run:start', (info) => {
    const shard = info.shard ? ` (shard ${info.shard.index}/${info.shard.total} of ${info.shard.selection.length})` : '';
    opts.write(`booking-conformance: target ${info.target}, ${info.scenarioCount} scenarios${shard}, seed ${info.seed}, clock ${info.clock}`);
    if (info.faults.length > 0) opts.write(`  reference target faults: ${info.faults.join(', ')}`);
    if (info.liberties.length > 0) opts.write(`  reference target liberties: ${info.liberties.join(', ')}`);
    for (const [pack, base] of Object.entries(info.packs)) opts.write(`  ${pack}: ${base}`);
  });
  // A suite is printed when it ends, its scenarios in file order: suites run side by side, and the
  // console reads the same at any --concurrency.
  events.on('suite:end', (suite, results) => {
    opts.write(`\n${suite.pack} · ${suite.title} (${suite.file})`);
    for (const r of results) writeScenario(r, opts);
  });
  events.on('run:end', (s) => {
    if (s.incomplete) opts.write(`\nINCOMPLETE: ${s.incomplete}; the reports hold what ran so far.`);
    opts.write(
      `\n${s.total} scenarios: ${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.info} info, ${s.skipped} skipped, ${s.errored} errored (${(s.durationMs / 1000).toFixed(1)} s, seed ${s.seed})`,
    );
  });
}
