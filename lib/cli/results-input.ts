// What merge and diff read: a results.json, or a report folder holding one (junit.xml is never
// read: results.json holds all it says). Validated by report/merge.ts parseResultsDoc, so both
// commands accept the same files and say the same about a bad one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MergeError, parseResultsDoc, type MergeInput } from '../report/merge.ts';

export function readResultsInput(input: string, command: 'merge' | 'diff'): MergeInput {
  if (!existsSync(input)) throw new MergeError([`${input}: no such file or folder`]);
  let file = input;
  if (statSync(input).isDirectory()) {
    file = join(input, 'results.json');
    if (!existsSync(file)) throw new MergeError([`${input}: no results.json in this folder (give a report folder: a run's --out)`]);
  } else if (input.endsWith('.xml')) {
    throw new MergeError([`${input}: ${command} reads results.json, not junit.xml: give the report folder or its results.json`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MergeError([`${file}: not JSON (${(err as Error).message})`]);
  }
  return { file, doc: parseResultsDoc(file, value) };
}
