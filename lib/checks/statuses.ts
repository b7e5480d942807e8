// Race steps: how many of the N simultaneous responses had each status.

import type { Positioned } from '../model/suite.ts';
import { defineCheck, type Verdict } from './types.ts';

export interface StatusesSpec extends Positioned {
  kind: 'statuses';
  counts: Record<string, number>;
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    statuses: StatusesSpec;
  }
}

export const statuses = defineCheck({
  kind: 'statuses',
  yamlKey: 'statuses',
  schema: {
    type: 'object',
    description: 'Race steps: HTTP status → how many responses',
    propertyNames: { pattern: '^[1-5][0-9][0-9]$' },
    additionalProperties: { type: 'integer', minimum: 0 },
  },
  convert: (raw: Record<string, number>, at): StatusesSpec => ({ kind: 'statuses', counts: raw, pos: at.pos() }),
  judge: (spec, input) => checkStatusCounts(spec.counts, input.statuses ?? [input.response.status]),
  // The counts are over every response of the race, so no single response (a loser, an example) can judge them.
  race: true,
  exampleSkip: 'a race',
});

export function checkStatusCounts(expected: Record<string, number>, statuses: readonly number[]): Verdict {
  const actual: Record<string, number> = {};
  for (const s of statuses) actual[String(s)] = (actual[String(s)] ?? 0) + 1;
  const wrong = Object.keys({ ...expected, ...actual }).filter((k) => (expected[k] ?? 0) !== (actual[k] ?? 0));
  const fmt = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${v}×${k}`).join(', ') || 'none';
  return wrong.length === 0
    ? { outcome: 'pass', expected, actual, message: `Race of ${statuses.length}: ${fmt(actual)}` }
    : { outcome: 'fail', expected, actual, message: `Race of ${statuses.length}: expected ${fmt(expected)}, but received ${fmt(actual)}` };
}
