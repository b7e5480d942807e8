// Race steps: how many of the N simultaneous responses had each status.

import type { Verdict } from './types.ts';

export function checkStatusCounts(expected: Record<string, number>, statuses: number[]): Verdict {
  const actual: Record<string, number> = {};
  for (const s of statuses) actual[String(s)] = (actual[String(s)] ?? 0) + 1;
  const wrong = Object.keys({ ...expected, ...actual }).filter((k) => (expected[k] ?? 0) !== (actual[k] ?? 0));
  const fmt = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${v}×${k}`).join(', ') || 'none';
  return wrong.length === 0
    ? { passed: true, expected, actual, message: `Race of ${statuses.length}: ${fmt(actual)}` }
    : { passed: false, expected, actual, message: `Race of ${statuses.length}: expected ${fmt(expected)}, but received ${fmt(actual)}` };
}
