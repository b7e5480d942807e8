// Test helpers for input validation: a throw-away targets file, and the first line of each error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputErrors } from '../diagnostics/input-error.ts';

export function tempTargetsFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bc-targets-')), 'targets.yaml');
  writeFileSync(path, text);
  return path;
}

/** The first line (position and problem) of every InputError fn throws; fails when it throws none. */
export function inputErrorLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputErrors) return err.errors.map((e) => e.message.split('\n')[0]!);
    throw err;
  }
  throw new Error('expected an error');
}
