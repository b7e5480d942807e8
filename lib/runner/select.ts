// Which scenarios a run takes: the suites of the packs the target implements, filtered by --grep
// and --tags, cut to --shard; and whether the target provides every fixture they use. Called once,
// by the session, before anything is sent.

import { InputError, InputErrors } from '../diagnostics/input-error.ts';
import type { Workspace } from '../loader/workspace.ts';
import type { Scenario, Suite } from '../model/suite.ts';
import type { Target } from '../model/target.ts';
import { applyShard, type Shard, type ShardInfo } from './shard.ts';
import { suitesOfTarget } from './instances.ts';
import { packOfEntry } from '../model/pack-entry.ts';

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

/** Whether --grep (id or title, any case) and --tags take a scenario: the one rule, for loading and selecting. */
export function wantedBy(filter: Filter): (sc: { id: string; title: string; tags: string[] }) => boolean {
  const { tags } = filter;
  const text = filter.grep?.toLowerCase();
  return (sc) => (!text || sc.id.toLowerCase().includes(text) || sc.title.toLowerCase().includes(text)) && (!tags || tags.length === 0 || tags.some((t) => sc.tags.includes(t)));
}

/**
 * A first look at a suite file's text: it can hold a scenario --grep and --tags take only if it mentions the
 * grep text (any case; white space folded, as YAML folds a long title) and one of the tags.
 */
export function mentionedBy(filter: Filter): (text: string) => boolean {
  const fold = (t: string) => t.toLowerCase().replace(/\s+/g, ' ');
  const grep = filter.grep ? fold(filter.grep) : undefined;
  const tags = filter.tags?.length ? filter.tags : undefined;
  return (text) => {
    const folded = fold(text);
    return (!grep || folded.includes(grep)) && (!tags || tags.some((t) => text.includes(t)));
  };
}

/** Suites of the packs the target implements, filtered by --grep and --tags, then cut to --shard. */
export function selectScenarios(workspace: Workspace, target: Target, filter: Filter = {}): Selection {
  const { suitePacks, shard } = filter;
  const wanted = wantedBy(filter);
  // An entry pack@label runs its pack's suites again (runner/instances.ts).
  const suites = suitesOfTarget(workspace, target)
    .filter((s) => !suitePacks || suitePacks.includes(packOfEntry(s.pack)))
    .map((suite) => ({ suite, scenarios: suite.scenarios.filter(wanted) }))
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
