// The library entry (`import … from 'booking-conformance'`): load suites (the tool's packs and your
// own), open a target from a targets file, run, and read the results as they come. The CLI is built
// from the same pieces; nothing here reaches past lib/session.

import { loadWorkspace, type Workspace } from '../loader/workspace.ts';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import type { Target } from '../model/target.ts';
import { RunEvents } from '../runner/events.ts';
import { PROJECT_ROOT, targetsFilePath } from '../session/paths.ts';
import { runSelected } from '../session/session.ts';
import { startTarget } from '../targets/embedded.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';

export type { Workspace } from '../loader/workspace.ts';
export type { Target, TargetPack, AuthConfig, Practice } from '../model/target.ts';
export type { Scenario, Suite, StepSpec, Level } from '../model/suite.ts';
export type { RunSummary, ScenarioResult, ScenarioStatus, StepResult, CheckResult, HttpRequest } from '../model/result.ts';
export type { RunEventMap, RunInfo } from '../runner/events.ts';
export { RunEvents } from '../runner/events.ts';
export { InputError, InputErrors } from '../diagnostics/input-error.ts';
export { attachJunitReporter } from '../report/junit.ts';
export { attachJsonReporter } from '../report/json.ts';

export interface LoadSuitesOptions {
  /** Folders of your own packs (a pack folder or a folder of pack folders), beside the built-in ones. */
  suites?: string[];
  /** Only suite files matching this glob (as `run --suite`). */
  suite?: string;
}

/** Every pack and suite: the tool's own and yours. Bad input throws InputErrors, each with file:line:col. */
export function loadSuites(opts: LoadSuitesOptions = {}): Workspace {
  return loadWorkspace({ root: PROJECT_ROOT, ...(opts.suite ? { suiteGlob: opts.suite } : {}), ...(opts.suites?.length ? { suiteDirs: opts.suites } : {}) });
}

export interface OpenTargetOptions {
  /** The targets file (default: the tool's own targets.yaml). */
  targets?: string;
  /** The target's name (default: the file's default). */
  target?: string;
  /** An embedded target only: run it with these faults or liberties (as `run --fault`, `--liberty`). */
  faults?: string[];
  liberties?: string[];
}

export interface OpenTarget {
  target: Target;
  /** The folders the targets file's `suites:` names, for loadSuites. */
  suites: string[];
  close(): Promise<void>;
}

/** Reads a target from a targets file and starts it when embedded; close() stops it. */
export async function openTarget(opts: OpenTargetOptions = {}): Promise<OpenTarget> {
  const file = readTargetsFile(targetsFilePath(opts.targets), process.cwd());
  const live = await startTarget(selectTarget(file, opts.target), { faults: opts.faults ?? [], liberties: opts.liberties ?? [] });
  return { target: live.target, suites: file.suiteDirs, close: live.close };
}

export interface RunSuitesOptions {
  workspace: Workspace;
  /** A target from openTarget (its bases absolute). */
  target: Target;
  /** Subscribe before the run starts: run:start, scenario:end, run:end, … (RunEventMap). */
  events?: RunEvents;
  grep?: string;
  tags?: string[];
  seed?: number;
  /** Default: the target's concurrency. */
  concurrency?: number;
}

/** Runs every scenario of the workspace that applies to the target (or those grep/tags select). */
export function runSuites(opts: RunSuitesOptions): Promise<{ summary: RunSummary; results: ScenarioResult[] }> {
  return runSelected({
    workspace: opts.workspace,
    target: opts.target,
    events: opts.events ?? new RunEvents(),
    seed: opts.seed ?? 1,
    ...(opts.grep ? { grep: opts.grep } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  });
}
