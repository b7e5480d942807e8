// --shard i/n: which of the selected scenarios this machine runs. Pure: the same ids and the
// same shard give the same answer on every machine, every run and at any --concurrency.

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

/** What a sharded run records: its shard and the whole selection it was cut from, in run order. */
export interface ShardInfo extends Shard {
  /** Ids of every selected scenario (all shards), in the order an unsharded run reports them. */
  selection: string[];
}

export class ShardSyntaxError extends Error {}

const SHARD = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** Parses "2/4"; anything else, or i outside 1..n, is a clear usage error. */
export function parseShard(text: string): Shard {
  const m = SHARD.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(total) || total < 1 || index < 1 || index > total) {
    throw new ShardSyntaxError(`--shard must look like 2/4 (shard i of n, 1 ≤ i ≤ n); got '${text}'`);
  }
  return { index, total };
}

export const formatShard = (s: Shard): string => `${s.index}/${s.total}`;

/** Code-unit order: unlike localeCompare it is the same on every machine, whatever its locale. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ids that fall to `shard`. Round-robin over the sorted ids rather than a hash of each id:
 * shard sizes differ by at most one (a hash leaves small selections lopsided, even with empty
 * shards), and sorted ids interleave each suite's scenarios over all shards, so slow suites
 * (e-RS booking waits out the PAS window) are spread too. A hash would keep an id's shard when
 * other scenarios are added, but every shard of one CI run checks out the same commit and the
 * same selection, so that stability buys nothing here.
 */
export function idsInShard(ids: readonly string[], shard: Shard): Set<string> {
  const owner = assignShards(ids, shard.total);
  return new Set([...owner].filter(([, index]) => index === shard.index).map(([id]) => id));
}

/** Every id's shard (1-based), by the rule above. */
export function assignShards(ids: readonly string[], total: number): Map<string, number> {
  const sorted = [...new Set(ids)].sort(byCodeUnit);
  return new Map(sorted.map((id, i) => [id, (i % total) + 1]));
}

/** Keeps the suites' and scenarios' own order; drops suites left with no scenario. */
export function applyShard<S extends { scenarios: Array<{ id: string }> }>(suites: S[], shard: Shard): { suites: S[]; shard: ShardInfo } {
  const selection = suites.flatMap((s) => s.scenarios.map((sc) => sc.id));
  const mine = idsInShard(selection, shard);
  const kept = suites.map((s) => ({ ...s, scenarios: s.scenarios.filter((sc) => mine.has(sc.id)) })).filter((s) => s.scenarios.length > 0);
  return { suites: kept, shard: { ...shard, selection } };
}

// Against a target every shard shares (anything not embedded: each shard starts its own embedded
// one), shards must not take the same fixture item or pick the same slot, or one shard books what
// another already booked. Fixture lists are cut in parts (lib/runner/shared-pools.ts); picks
// prefer the items that hash to the shard.

/** FNV-1a (32 bit): a stable hash, the same in every process. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Whether a `pick: random` item (by identity, e.g. "Slot/42") is this shard's to pick. A hash: picks meet ids no one could list in advance. */
export function shardOwnsItem(identity: string, shard: Shard): boolean {
  return fnv1a(identity) % shard.total === shard.index - 1;
}
