// Which scenarios a run takes: the suites of the packs the target implements, filtered by --grep
// and --tags, cut to --shard; and whether the target provides every fixture they use. Called once,
// by the session, before anything is sent.

import { InputError, InputErrors } from '../diagnostics/input-error.ts';
import type { Workspace } from '../loader/workspace.ts';
import type { Scenario, Suite } from '../model/suite.ts';
import type { Target } from '../model/target.ts';
import { applyShard, type Shard, type ShardInfo } from './shard.ts';

export interface Filter {
  grep?: string;
  tags?: string[];
  /** Only the suites of these packs (the target may implement more, for cross-pack steps). */
  suitePacks?: string[];
  shard?: Shard;
}

/** The filter options set in a larger options object (CLI flags, a programmatic run), and no others. */
export function filterOf(opts: Filter): Filter {
  return {
    ...(opts.grep ? { grep: opts.grep } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.suitePacks ? { suitePacks: opts.suitePacks } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
}

export interface Selection {
  suites: Array<{ suite: Suite; scenarios: Scenario[] }>;
  /** Set when only one shard of the selection was kept. */
  shard?: ShardInfo;
  /** With a shard: the selection before it was cut (shards sharing a target split fixture lists by it). */
  whole?: Array<{ suite: Suite; scenarios: Scenario[] }>;
}

/** Suites of the packs the target implements, filtered by --grep and --tags, then cut to --shard. */
export function selectScenarios(workspace: Workspace, target: Target, filter: Filter = {}): Selection {
  const { tags, suitePacks, shard } = filter;
  const text = filter.grep?.toLowerCase();
  const suites = workspace.suites
    .filter((s) => s.pack in target.packs && (!suitePacks || suitePacks.includes(s.pack)))
    .map((suite) => ({
      suite,
      scenarios: suite.scenarios.filter(
        (sc) =>
          (!text || sc.id.toLowerCase().includes(text) || sc.title.toLowerCase().includes(text)) &&
          (!tags || tags.length === 0 || tags.some((t) => sc.tags.includes(t))),
      ),
    }))
    .filter((s) => s.scenarios.length > 0);
  return shard ? { ...applyShard(suites, shard), whole: suites } : { suites };
}

/** A target must provide every fixture the selected scenarios use: checked before anything is sent. */
export function checkTargetFixtures(selection: Selection, target: Target): void {
  const errors: InputError[] = [];
  for (const { suite, scenarios } of selection.suites) {
    const fixtures = target.packs[suite.pack]?.fixtures ?? {};
    for (const sc of scenarios) {
      for (const ref of sc.fixtureRefs) {
        if (!(ref.key in fixtures)) {
          errors.push(new InputError(ref.pos, `${sc.id}: target '${target.name}' has no fixture '${ref.key}' for pack ${suite.pack} (add it under targets.${target.name}.packs.${suite.pack}.fixtures in ${target.file})`));
        } else if (ref.take && !Array.isArray(fixtures[ref.key])) {
          errors.push(new InputError(ref.pos, `${sc.id}: \${take:${ref.key}} needs a list, but target '${target.name}' gives a single value`));
        }
      }
    }
  }
  if (errors.length > 0) throw new InputErrors(dedupe(errors));
}

function dedupe(errors: InputError[]): InputError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}
