import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (suites/, profiles/, targets.yaml), wherever the command is run from. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The targets file a run reads: the one given (relative to the working directory), else the project's own. */
export function targetsFilePath(given?: string): string {
  return given ? resolve(given) : join(PROJECT_ROOT, 'targets.yaml');
}
