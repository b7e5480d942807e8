// What merge and diff read: a results.json, or a report folder or evidence pack holding one (junit.xml is never
// read: results.json holds all it says). Validated by report/merge.ts parseResultsDoc, so both
// commands accept the same files and say the same about a bad one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MergeError, parseResultsDoc, type MergeInput } from '../report/merge.ts';
import { EvidenceInputError, MANIFEST_FILE, matchesManifest } from '../evidence/manifest.ts';

/** In an evidence pack, results.json must still be the file its manifest vouches for: a changed one is not compared. */
function checkEvidencePack(dir: string): void {
  if (!existsSync(join(dir, MANIFEST_FILE))) return;
  try {
    const { listed, same } = matchesManifest(dir, 'results.json');
    if (!listed) throw new MergeError([`${dir}: an evidence pack whose ${MANIFEST_FILE} does not list results.json`]);
    if (!same) throw new MergeError([`${dir}: results.json is not the file the evidence pack's ${MANIFEST_FILE} lists (changed since the pack was written; booking-conformance verify ${dir} names every change)`]);
  } catch (err) {
    if (err instanceof EvidenceInputError) throw new MergeError([err.message]);
    throw err;
  }
}

export function readResultsInput(input: string, command: 'merge' | 'diff'): MergeInput {
  if (!existsSync(input)) throw new MergeError([`${input}: no such file or folder`]);
  let file = input;
  if (statSync(input).isDirectory()) {
    file = join(input, 'results.json');
    if (!existsSync(file)) throw new MergeError([`${input}: no results.json in this folder (give a report folder, a run's --out, or an evidence pack, its --evidence)`]);
    checkEvidencePack(input);
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
