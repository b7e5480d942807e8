// The composition root: everything a command, the benchmark or a test needs to run suites goes
// through here. It reads the targets file and the workspace, chooses the scenarios once (and
// checks the target provides their fixtures), and hands the runner a selection it can trust.

import { InputErrors } from '../diagnostics/input-error.ts';
import { loadWorkspace, type Workspace } from '../loader/workspace.ts';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import { packOfEntry } from '../model/pack-entry.ts';
import type { Target } from '../model/target.ts';
import { runSuites, type RunOptions } from '../runner/run.ts';
import { checkTargetFixtures, filterOf, selectScenarios, mentionedBy, wantedBy, type Filter, type Selection } from '../runner/select.ts';
import { authKindErrors, fhirVersionErrors, readTargetsFile, selectTarget, unknownPackErrors, type TargetsFile } from '../targets/load.ts';
import { PROJECT_ROOT, targetsFilePath } from './paths.ts';

export interface OpenOptions {
  /** targets.yaml path; defaults to the project's own. */
  targets?: string;
  /** Target name; defaults to the file's default target. */
  target?: string;
  /** Glob of suite files. */
  suite?: string;
  /** Suite files or folders. */
  paths?: string[];
  /** Folders of the user's own packs (--suites DIR, repeatable), beside the targets file's `suites:` and the built-in ones. */
  suites?: string[];
  /** --grep and --tags: only the suite files that can hold such a scenario are checked and compiled. */
  grep?: string;
  tags?: string[];
}

export interface Inputs {
  workspace: Workspace;
  targetsFile: TargetsFile;
  target: Target;
}

/** Reads and validates the targets file and the suites; a target naming a pack no suite has is an input error. */
export function openInputs(opts: OpenOptions = {}): Inputs {
  const targets = openTargets(opts);
  return { ...targets, workspace: openWorkspace(opts, targets) };
}

/** The targets file and the chosen target: known before the suites, so a run can start its target while they load. */
export function openTargets(opts: OpenOptions = {}): Omit<Inputs, 'workspace'> {
  const targetsFile = readTargetsFile(targetsFilePath(opts.targets), process.cwd());
  return { targetsFile, target: selectTarget(targetsFile, opts.target) };
}

/** The suites a run against this target can use, and the refusals that need both the target and the packs. */
export function openWorkspace(opts: OpenOptions, { targetsFile, target }: Omit<Inputs, 'workspace'>): Workspace {
  const suiteDirs = [...targetsFile.suiteDirs, ...(opts.suites ?? [])];
  const workspace = loadWorkspace({
    root: PROJECT_ROOT,
    ...(opts.suite ? { suiteGlob: opts.suite } : {}),
    ...(opts.paths ? { paths: opts.paths } : {}),
    ...(suiteDirs.length ? { suiteDirs } : {}),
    // A run loads what it can run: the target's packs, the files with a scenario the filter takes (lint checks all).
    // An instance entry (pack@label) runs its pack's suites.
    suitePacks: new Set(Object.keys(target.packs).map(packOfEntry)),
    ...(opts.grep || opts.tags?.length ? { wants: wantedBy(loadFilterOf(opts)), mayMention: mentionedBy(loadFilterOf(opts)) } : {}),
  });
  const unknown = unknownPackErrors(targetsFile, [target.name], new Set(workspace.packs.keys()));
  // A pack that declares auth: none refuses an entry that configures auth, rather than send it.
  unknown.push(...authKindErrors(targetsFile, [target.name], workspace.packs));
  // A pack written for several FHIR versions runs only where the entry names one.
  unknown.push(...fhirVersionErrors(targetsFile, [target.name], workspace.packs));
  if (unknown.length > 0) throw new InputErrors(unknown);
  return workspace;
}

/**
 * The filter as files are loaded: a grep for an instance's id (FRB-BOOK-001@stu3) looks for the id written in
 * the file (FRB-BOOK-001); the selection then applies the whole text to the ids the target runs.
 */
function loadFilterOf(opts: OpenOptions): Filter {
  const filter = filterOf(opts);
  return filter.grep ? { ...filter, grep: filter.grep.replace(/@[a-z0-9.-]*$/i, '') } : filter;
}

/** The scenarios a run takes against a started target, their fixtures checked before anything is sent. */
export function chooseScenarios(workspace: Workspace, target: Target, filter: Filter = {}): Selection {
  const selection = selectScenarios(workspace, target, filter);
  checkTargetFixtures(selection, target);
  return selection;
}

export type SelectedRunOptions = Omit<RunOptions, 'selection'> & Filter;

/** Chooses the scenarios for a started target and runs them. */
export async function runSelected(opts: SelectedRunOptions): Promise<{ summary: RunSummary; results: ScenarioResult[] }> {
  const { grep: _g, tags: _t, suitePacks: _p, shard: _s, ...run } = opts;
  return runSuites({ ...run, selection: chooseScenarios(opts.workspace, opts.target, filterOf(opts)) });
}
