// The world's random helpers over the shared seeded generator: the same seed always builds the same world.
import { seededRandom as seededStream } from '../../template/random.ts';

export interface Random {
  next(): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  int(minInclusive: number, maxInclusive: number): number;
}

export function seededRandom(seed: number): Random {
  const next = seededStream(seed);
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
