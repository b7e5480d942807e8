// The report folder is checked before anything is sent, and an earlier run's reports are removed
// first, so CI never reads yesterday's results as today's.

import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file a run writes into --out. */
export const REPORT_FILES = ['junit.xml', 'results.json', 'report.html'] as const;

export class ReportDirError extends Error {}

export function prepareReportDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = join(dir, `.write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    for (const f of REPORT_FILES) rmSync(join(dir, f), { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ReportDirError(`cannot write reports to ${dir} (${code ?? (err as Error).message}); nothing was sent`);
  }
}
