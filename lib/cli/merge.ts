// booking-conformance merge --out DIR IN...: one results.json and one junit.xml from the reports
// of several shards (or whole runs) of one target and seed.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { attachHtmlReporter } from '../report/html.ts';
import { attachJunitReporter } from '../report/junit.ts';
import { writeResultsFile } from '../report/json.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import { asRunOutput, MergeError, mergeResults, type MergeInput } from '../report/merge.ts';
import { readResultsInput } from './results-input.ts';
import { RunEvents } from '../runner/events.ts';
import { printErrors, type Io } from './commands.ts';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import { EXIT, runExit } from './exit-codes.ts';

export interface MergeCommandOptions {
  out: string;
  inputs: string[];
}

/** Reads every input before giving up, so one run shows every bad input. */
function readInputs(inputs: string[]): MergeInput[] {
  const read: MergeInput[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    try {
      read.push(readResultsInput(input, 'merge'));
    } catch (err) {
      if (!(err instanceof MergeError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length > 0) throw new MergeError(problems);
  return read;
}

export function mergeCommand(opts: MergeCommandOptions, io: Io): number {
  let merged;
  try {
    merged = mergeResults(readInputs(opts.inputs));
  } catch (err) {
    if (!(err instanceof MergeError)) throw err;
    printErrors(err.problems, io);
    io.err('\nnothing was merged.');
    return EXIT.input;
  }
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  writeResultsFile(join(out, 'results.json'), merged.summary, merged.scenarios);
  // The run's own JUnit writer, so a merged junit.xml is what one unsharded run would have written.
  const events = new RunEvents();
  attachJunitReporter(events, join(out, 'junit.xml'));
  attachHtmlReporter(events, join(out, 'report.html'), { root: PROJECT_ROOT });
  const { info, summary, results } = asRunOutput(merged);
  events.emit('run:start', info);
  events.emit('run:end', summary, results);
  const s = merged.summary;
  io.out(`merged ${s.merged.length} report${s.merged.length === 1 ? '' : 's'}: ${s.total} scenarios: ${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.info ?? 0} info, ${s.skipped} skipped, ${s.errored} errored (${(s.durationMs / 1000).toFixed(1)} s summed, seed ${s.seed})`);
  io.out(`reports: ${join(out, 'junit.xml')}, ${join(out, 'results.json')}, ${join(out, 'report.html')}`);
  return runExit(merged.summary as RunSummary, merged.scenarios as ScenarioResult[], false).code;
}
