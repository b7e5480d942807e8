// Test helper: a reference module's production sources as one text, so a catalogue test can
// check that every fault or liberty it lists is consulted in the code (and where).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file below `dir` except tests and the files named in `skip` (catalogues, test helpers). */
export function moduleSources(dir: string, skip: readonly string[] = []): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !skip.includes(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}
