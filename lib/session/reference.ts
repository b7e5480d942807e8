// Runs the project's suites against the embedded reference target from code (tests, benchmark,
// fault table), through the same session as the CLI.

import { loadWorkspace, type Workspace } from '../loader/workspace.ts';
import { packOfEntry } from '../model/pack-entry.ts';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import { RunEvents } from '../runner/events.ts';
import type { RunOptions } from '../runner/run.ts';
import type { Shard } from '../runner/shard.ts';
import { startTarget } from '../targets/embedded.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import { PROJECT_ROOT, targetsFilePath } from './paths.ts';
import { runSelected } from './session.ts';

let cached: Workspace | undefined;

export function projectWorkspace(): Workspace {
  cached ??= loadWorkspace({ root: PROJECT_ROOT });
  return cached;
}

export interface ReferenceRun {
  summary: RunSummary;
  results: ScenarioResult[];
}

/** Runs the project's suites (optionally of some packs only) against the embedded reference target. */
export async function runAgainstReference(opts: { faults?: string[]; liberties?: string[]; options?: Record<string, unknown>; packs?: string[]; grep?: string; seed?: number; events?: RunEvents; concurrency?: number; probe?: RunOptions['probe']; shard?: Shard } = {}): Promise<ReferenceRun> {
  const tf = readTargetsFile(targetsFilePath(), PROJECT_ROOT);
  const configured = selectTarget(tf, 'reference');
  // The packs asked for, and any other pack their scenarios call (cross-pack steps).
  const needed = opts.packs ? new Set(projectWorkspace().suites.filter((s) => opts.packs!.includes(s.pack)).flatMap((s) => s.scenarios.flatMap((sc) => sc.packs))) : undefined;
  // An instance entry (pack@label) goes with its pack.
  const packs = needed ? Object.fromEntries(Object.entries(configured.packs).filter(([id]) => needed.has(packOfEntry(id)))) : configured.packs;
  const embedded = configured.embedded && opts.options ? { ...configured.embedded, options: { ...configured.embedded.options, ...opts.options } } : configured.embedded;
  const live = await startTarget({ ...configured, ...(embedded ? { embedded } : {}), packs }, { faults: opts.faults ?? [], liberties: opts.liberties ?? [] });
  try {
    return await runSelected({
      workspace: projectWorkspace(),
      target: live.target,
      events: opts.events ?? new RunEvents(),
      seed: opts.seed ?? 1,
      ...(opts.grep ? { grep: opts.grep } : {}),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      ...(opts.probe ? { probe: opts.probe } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
      ...(opts.packs ? { suitePacks: opts.packs } : {}),
      faults: opts.faults ?? [],
      liberties: opts.liberties ?? [],
    });
  } finally {
    await live.close();
  }
}
