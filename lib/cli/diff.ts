// booking-conformance diff OLD NEW: what changed between two runs' results.json (a baseline and
// today's), and exit 1 when something newly fails, so CI can gate on "no new failures".

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diffResults, formatDiff, type DiffInput } from '../report/diff.ts';
import { MergeError, parseResultsDoc } from '../report/merge.ts';
import { printErrors, type Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';

export interface DiffCommandOptions {
  old: string;
  new: string;
  json?: boolean;
  failOnRemoved?: boolean;
}

/**
 * A report folder (a run's or merge's --out, an evidence folder) means its results.json. The
 * document itself is validated by merge's parseResultsDoc, so diff and merge accept the same files.
 */
function readResults(input: string): DiffInput {
  if (!existsSync(input)) throw new MergeError([`${input}: no such file or folder`]);
  let file = input;
  if (statSync(input).isDirectory()) {
    file = join(input, 'results.json');
    if (!existsSync(file)) throw new MergeError([`${input}: no results.json in this folder (give a report folder: a run's --out)`]);
  } else if (input.endsWith('.xml')) {
    throw new MergeError([`${input}: diff reads results.json, not junit.xml: give the report folder or its results.json`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MergeError([`${file}: not JSON (${(err as Error).message})`]);
  }
  return { file, doc: parseResultsDoc(file, value) };
}

/** Reads both sides before giving up, so one run names every bad input. */
function readBoth(paths: [string, string]): [DiffInput, DiffInput] {
  const problems: string[] = [];
  const read = paths.map((p) => {
    try {
      return readResults(p);
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
