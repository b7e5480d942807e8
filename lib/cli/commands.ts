import { resolve } from 'node:path';
import { InputErrors } from '../diagnostics/input-error.ts';
import { loadWorkspace, type Workspace } from '../loader/suites.ts';
import { readTargetsFile, selectTarget, unknownPackErrors } from '../targets/load.ts';
import type { Target } from '../model/target.ts';
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
  const unknown = unknownPackErrors(targetsFile, [target.name], new Set(workspace.packs.keys()));
  if (unknown.length > 0) throw new InputErrors(unknown);
  return { workspace, target };
}

const SHOWN_ERRORS = 40;

export function printErrors(messages: string[], io: Io): void {
  for (const m of messages.slice(0, SHOWN_ERRORS)) io.err(`error: ${m}`);
  if (messages.length > SHOWN_ERRORS) io.err(`… and ${messages.length - SHOWN_ERRORS} more`);
}

export function reportInputErrors(err: unknown, io: Io): boolean {
  if (!(err instanceof InputErrors)) return false;
  printErrors(err.errors.map((e) => e.message), io);
  io.err(`\n${err.errors.length} problem${err.errors.length === 1 ? '' : 's'} found; nothing was sent.`);
  return true;
}
