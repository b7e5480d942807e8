// booking-conformance diff OLD NEW: what changed between two runs' results.json (a baseline and
// today's), and exit 1 when something newly fails, so CI can gate on "no new failures".

import { diffResults, formatDiff, type DiffInput } from '../report/diff.ts';
import { MergeError } from '../report/merge.ts';
import { readResultsInput } from './results-input.ts';
import { printErrors, type Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';

export interface DiffCommandOptions {
  old: string;
  new: string;
  json?: boolean;
  failOnRemoved?: boolean;
}

/** Reads both sides before giving up, so one run names every bad input. */
function readBoth(paths: [string, string]): [DiffInput, DiffInput] {
  const problems: string[] = [];
  const read = paths.map((p) => {
    try {
      return readResultsInput(p, 'diff');
    } catch (err) {
      if (!(err instanceof MergeError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new MergeError(problems);
  return read as [DiffInput, DiffInput];
}

export function diffCommand(opts: DiffCommandOptions, io: Io): number {
  let diff;
  try {
    const [before, after] = readBoth([opts.old, opts.new]);
    diff = diffResults(before, after, { failOnRemoved: opts.failOnRemoved });
  } catch (err) {
    if (!(err instanceof MergeError)) throw err;
    printErrors(err.problems, io);
    io.err('\nnothing was compared.');
    return EXIT.input;
  }
  if (opts.json) io.out(JSON.stringify(diff, null, 2));
  else for (const line of formatDiff(diff)) io.out(line);
  return diff.regressions.length > 0 ? EXIT.failed : EXIT.ok;
}
