import { resolve } from 'node:path';
import { InputErrors } from '../loader/source.ts';
import { loadWorkspace, type Workspace } from '../loader/suites.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import type { Target } from '../targets/model.ts';
import { PROJECT_ROOT } from './paths.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export function loadInputs(opts: { targets?: string; target?: string; suite?: string; paths?: string[] }): { workspace: Workspace; target: Target } {
  const targetsFile = readTargetsFile(resolve(opts.targets ?? resolve(PROJECT_ROOT, 'targets.yaml')), process.cwd());
  const target = selectTarget(targetsFile, opts.target);
  const workspace = loadWorkspace({
    root: PROJECT_ROOT,
    ...(opts.suite ? { suiteGlob: opts.suite } : {}),
    ...(opts.paths ? { paths: opts.paths } : {}),
  });
  return { workspace, target };
}

export function reportInputErrors(err: unknown, io: Io): boolean {
  if (!(err instanceof InputErrors)) return false;
  for (const e of err.errors) io.err(`error: ${e.message}`);
  io.err(`\n${err.errors.length} problem${err.errors.length === 1 ? '' : 's'} found; nothing was sent.`);
  return true;
}
