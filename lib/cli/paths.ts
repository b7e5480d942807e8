import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (suites/, profiles/, targets.yaml), wherever the command is run from. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
