// One seeded generator (mulberry32) for everything that must repeat with its seed: the runner's
// picks and the reference worlds. Tiny, fast, and no data library in the request path.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


export interface Random {
  next(): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  int(minInclusive: number, maxInclusive: number): number;
}

/** The stream with the helpers a world builder wants: ints, picks and chances. */
export function seededPicker(seed: number): Random {
  const next = seededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
  };
}
