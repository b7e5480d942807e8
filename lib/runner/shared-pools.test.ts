import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
import type { ScenarioResult } from '../model/result.ts';
import { startTarget } from '../targets/embedded.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import { RunEvents } from './events.ts';
import { projectWorkspace } from '../session/reference.ts';
import { runSelected } from '../session/session.ts';
import { idsInShard, shardOwnsItem } from './shard.ts';
import { poolParts } from './shared-pools.ts';

/** Scenario ids and what each takes: 4 scenarios register (a list of 4), many book (a long list). */
const takes = Array.from({ length: 30 }, (_, i) => ({
  id: `S-${String(i).padStart(2, '0')}`,
  pools: i < 4 ? ['registrable'] : i % 3 === 0 ? ['ubrns', 'ubrns'] : ['ubrns'],
}));

function itemsOf(total: number, pool: string, length: number): Array<Set<number>> {
  return Array.from({ length: total }, (_, s) => {
    const part = poolParts(takes, { index: s + 1, total }).get(pool) ?? { start: 0, end: 0 };
    const mine = idsInShard(takes.map((t) => t.id), { index: s + 1, total });
    const wanted = takes.filter((t) => mine.has(t.id)).flatMap((t) => t.pools.filter((p) => p === pool)).length;
    // What the shard takes: its first `wanted` items from its block.
    expect(part.start + wanted).toBeLessThanOrEqual(Math.min(part.end, length));
    return new Set(Array.from({ length: wanted }, (_, k) => part.start + k));
  });
}

describe('poolParts', () => {
  for (const total of [2, 3, 4]) {
    it(`gives each of ${total} shards a disjoint block of every list, as large as its scenarios take`, () => {
      for (const [pool, length] of [['registrable', 4], ['ubrns', 500]] as const) {
        const shards = itemsOf(total, pool, length);
        const all = shards.flatMap((s) => [...s]);
        expect(new Set(all).size).toBe(all.length); // no item taken by two shards
        expect(Math.max(...all)).toBeLessThan(length); // a short list still serves every shard
      }
    });
  }
  it('the last shard’s block runs to the end of the list', () => {
    expect(poolParts(takes, { index: 3, total: 3 }).get('ubrns')?.end).toBe(Infinity);
  });
});

describe('shardOwnsItem', () => {
  it('every item belongs to exactly one shard, and every shard gets some', () => {
    const items = Array.from({ length: 200 }, (_, i) => `Slot/${1000 + i}`);
    for (const total of [2, 4]) {
      const owners = items.map((it) => [1, 2, 3, 4].slice(0, total).filter((index) => shardOwnsItem(it, { index, total })));
      expect(owners.every((o) => o.length === 1)).toBe(true);
      for (let index = 1; index <= total; index++) expect(owners.filter((o) => o[0] === index).length).toBeGreaterThan(200 / total / 2);
    }
  });
});

describe('shards sharing one target', () => {
  it('two shards run one after the other against one target never book the same referral or slot', { timeout: 120_000 }, async () => {
    const configured = selectTarget(readTargetsFile(join(PROJECT_ROOT, 'targets.yaml'), PROJECT_ROOT), 'reference');
    const live = await startTarget(configured, { faults: [], liberties: [] });
    // Without `embedded`, the runner treats the target as one the shards share, like a real one.
    const { embedded: _embedded, ...shared } = live.target;
    const notPassed = (rs: ScenarioResult[]) => rs.filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}: ${r.reason}`);
    try {
      const results: ScenarioResult[] = [];
      for (const index of [1, 2]) {
        const run = await runSelected({ workspace: projectWorkspace(), target: shared, events: new RunEvents(), seed: 1, grep: 'ERSBD', shard: { index, total: 2 } });
        expect(run.results.length).toBeGreaterThan(5);
        results.push(...run.results);
      }
      // Both shards took from the start of the UBRN list before shared pools: the second then failed ERSBD-002 and -004.
      expect(notPassed(results)).toEqual([]);
    } finally {
      await live.close();
    }
  });
});
