// Fixture lists (`${take:key}`) when the shards of a run share one target: each shard gets its own
// block of every list, as large as its scenarios' takes, so no two shards take the same item
// (book the same referral) and a short list still serves whichever shard needs it. A stride
// (every n-th item) would not: four registrable patients over four shards leave one each, however
// many the shard's scenarios register.

import type { Target } from '../model/target.ts';
import { assignShards, type Shard } from './shard.ts';

/** A shard's items of one list: indexes start ≤ i < end. */
export interface PoolPart {
  start: number;
  end: number;
}

/** A list's identity, not its key: packs of one target that share a list share its pool. */
export function poolId(key: string, list: readonly unknown[]): string {
  return `${key}|${list.length}|${String(list[0])}|${String(list[list.length - 1])}`;
}

/** What the selected scenarios take, one pool id per `${take:...}` (each is evaluated once per run of its step). */
export function takesOf(
  suites: ReadonlyArray<{ suite: { pack: string }; scenarios: ReadonlyArray<{ id: string; fixtureRefs: ReadonlyArray<{ key: string; take: boolean }> }> }>,
  target: Target,
): Array<{ id: string; pools: string[] }> {
  return suites.flatMap(({ suite, scenarios }) =>
    scenarios.map((sc) => ({
      id: sc.id,
      pools: sc.fixtureRefs.filter((r) => r.take).map((r) => {
        const list = target.packs[suite.pack]?.fixtures[r.key];
        return Array.isArray(list) ? poolId(r.key, list) : r.key;
      }),
    })),
  );
}

/**
 * Blocks in shard order, each sized by what its shard's scenarios take; the last shard's runs to
 * the end of the list. Pure: every shard computes the same blocks from the same selection.
 */
export function poolParts(takes: ReadonlyArray<{ id: string; pools: readonly string[] }>, shard: Shard): Map<string, PoolPart> {
  const owner = assignShards(takes.map((t) => t.id), shard.total);
  const before = new Map<string, number>();
  const mine = new Map<string, number>();
  for (const t of takes) {
    const s = owner.get(t.id)!;
    const counts = s < shard.index ? before : s === shard.index ? mine : undefined;
    for (const pool of t.pools) {
      if (counts) counts.set(pool, (counts.get(pool) ?? 0) + 1);
      else if (!before.has(pool)) before.set(pool, 0);
    }
  }
  const parts = new Map<string, PoolPart>();
  for (const pool of new Set([...before.keys(), ...mine.keys()])) {
    const start = before.get(pool) ?? 0;
    parts.set(pool, { start, end: shard.index === shard.total ? Infinity : start + (mine.get(pool) ?? 0) });
  }
  return parts;
}
