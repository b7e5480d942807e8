// Each fault and liberty is consulted at exactly one place (grep its name to find the behaviour it changes),
// and nothing is consulted that the catalogues do not declare.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CC_FAULTS } from './faults.ts';
import { CC_LIBERTIES } from './liberties.ts';

const HERE = import.meta.dirname;
const sources = readdirSync(HERE, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'faults.ts' && f !== 'liberties.ts')
  .map((f) => readFileSync(join(HERE, f), 'utf8'))
  .join('\n');

function consulted(kind: 'fault' | 'liberty'): string[] {
  return [...sources.matchAll(new RegExp(`\\.${kind}\\('([a-z0-9-]+)'\\)`, 'g'))].map((m) => m[1]!);
}

describe.each([
  ['fault', CC_FAULTS.map((f) => f.name)],
  ['liberty', CC_LIBERTIES.map((l) => l.name)],
] as const)('every %s', (kind, names) => {
  it('is consulted exactly once, and only declared ones are', () => {
    const calls = consulted(kind);
    expect(names.filter((n) => calls.filter((c) => c === n).length !== 1)).toEqual([]);
    expect(calls.filter((c) => !(names as readonly string[]).includes(c))).toEqual([]);
  });
});
