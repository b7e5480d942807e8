// What produced a report: the tool's version and commit, node, and a hash of every suite file the
// results name, so an assurer can tell whether a report came from the suites they are reading.
// The root is a parameter: report/ sits below session/ (which knows PROJECT_ROOT).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Provenance {
  toolVersion: string;
  /** `git rev-parse HEAD` of the root, or 'unknown' (no git, not a checkout: an installed package). */
  commit: string;
  node: string;
  /** Sorted by path; sha256 is 'unreadable' when the file is gone since the run. */
  suiteFiles: { path: string; sha256: string }[];
}

function toolVersion(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function gitCommit(root: string): string {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : 'unknown';
  } catch {
    return 'unknown';
  }
}

function sha256Of(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'unreadable';
  }
}

/** `results` only needs each scenario's `file` (relative to `root`). */
export function reportProvenance(root: string, results: readonly { file: string }[]): Provenance {
  const paths = [...new Set(results.map((r) => r.file))].sort();
  return {
    toolVersion: toolVersion(root),
    commit: gitCommit(root),
    node: process.version,
    suiteFiles: paths.map((path) => ({ path, sha256: sha256Of(join(root, path)) })),
  };
}
