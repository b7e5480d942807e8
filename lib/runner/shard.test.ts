import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { applyShard, idsInShard, parseShard } from './shard.ts';

const ids = Array.from({ length: 95 }, (_, i) => `${['GPC-BOOK', 'ERS-A015', 'ERSBD'][i % 3]}-${String(1000 - i * 7).padStart(3, '0')}`);

/** A seeded shuffle, so the test itself is the same every run. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
  });
  it.each(['0/4', '5/4', '2/0', '2', '2/', 'a/b', '2/4/1', '-1/4', '1.5/4', ''])('rejects %j with the expected form', (text) => {
    expect(() => parseShard(text)).toThrow(/--shard must look like 2\/4/);
  });
});

describe('idsInShard', () => {
  for (const total of [1, 2, 3, 4, 7, 95, 120]) {
    it(`splits ${ids.length} ids over ${total} shards completely, disjointly and evenly`, () => {
      const shards = Array.from({ length: total }, (_, i) => idsInShard(ids, { index: i + 1, total }));
      const all = shards.flatMap((s) => [...s]);
      expect(all.length).toBe(ids.length); // disjoint: nothing counted twice …
      expect(new Set(all)).toEqual(new Set(ids)); // … and complete
      const sizes = shards.map((s) => s.size);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    });
  }
  it('gives the same shard whatever order the ids come in', () => {
    for (let index = 1; index <= 4; index++) {
      const a = idsInShard(ids, { index, total: 4 });
      expect(idsInShard(shuffled(ids, index), { index, total: 4 })).toEqual(a);
      expect(idsInShard(shuffled(ids, 99), { index, total: 4 })).toEqual(a);
    }
  });
  it('spreads each suite over the shards rather than giving one shard a whole suite', () => {
    for (let index = 1; index <= 3; index++) {
      const mine = [...idsInShard(ids, { index, total: 3 })];
      for (const prefix of ['GPC-BOOK', 'ERS-A015', 'ERSBD']) expect(mine.filter((id) => id.startsWith(prefix)).length).toBeGreaterThan(5);
    }
  });
});

describe('applyShard', () => {
  const suites = [
    { name: 'a', scenarios: [{ id: 'X-3' }, { id: 'X-1' }] },
    { name: 'b', scenarios: [{ id: 'X-2' }] },
  ];
  it('keeps the suites’ and scenarios’ own order, drops empty suites and records the selection', () => {
    // Sorted ids: shard 1/2 has, shard 2/2 has X-2.
    expect(applyShard(suites, { index: 1, total: 2 })).toEqual({
      suites: [{ name: 'a', scenarios: [{ id: 'X-3' }, { id: 'X-1' }] }],
      shard: { index: 1, total: 2, selection: ['X-3', 'X-1', 'X-2'] },
    });
    expect(applyShard(suites, { index: 2, total: 2 }).suites).toEqual([{ name: 'b', scenarios: [{ id: 'X-2' }] }]);
  });
});

describe('--shard on the command line', () => {
  it('a malformed --shard is a usage error (exit 2) saying what it must look like', async () => {
    for (const bad of ['3/2', 'two']) {
      const r = await cli('list', '--shard', bad);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--shard must look like 2/4');
    }
    expect((await cli('run', '--shard', '0/3')).code).toBe(2);
  });
  it('list --shard i/3 lists the whole selection between the three shards, in run order', { timeout: 60_000 }, async () => {
    const whole = await cli('list', '--grep', 'A015');
    const shards = await Promise.all([1, 2, 3].map((i) => cli('list', '--grep', 'A015', '--shard', `${i}/3`)));
    expect(whole.out.length).toBeGreaterThan(20);
    const union = shards.flatMap((s) => s.out);
    expect(new Set(union)).toEqual(new Set(whole.out));
    expect(union.length).toBe(whole.out.length);
    for (const [i, s] of shards.entries()) {
      expect(s.err).toContain(`(shard ${i + 1}/3 of ${whole.out.length})`);
      expect(s.out).toEqual(whole.out.filter((line) => s.out.includes(line))); // a shard keeps the run's order
    }
  });
});
