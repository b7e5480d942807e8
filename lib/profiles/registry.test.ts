import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileRegistry } from './registry.ts';

/** A profiles folder of one schema (fixed texts: the cache keeps one entry per text, not one per test run). */
function folder(schema: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bc-profiles-'));
  writeFileSync(join(dir, 'X-1.schema.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', description: 'registry.test.ts', ...schema }));
  return dir;
}

describe('profile registry', () => {
  it('compiles a profile once per content: the cached code gives the same issues, and a changed schema is compiled again', () => {
    const needsA = folder({ type: 'object', required: ['a'] });
    const first = new ProfileRegistry(needsA).validateProfile('X-1', {});
    expect(first).toEqual([expect.objectContaining({ message: "missing 'a'" })]);
    // A second registry over the same texts loads the code compiled by the first.
    expect(new ProfileRegistry(needsA).validateProfile('X-1', {})).toEqual(first);
    expect(new ProfileRegistry(needsA).validateProfile('X-1', { a: 1 })).toEqual([]);
    // The same file name with another text is never served the first one's code.
    const needsB = folder({ type: 'object', required: ['b'] });
    expect(new ProfileRegistry(needsB).validateProfile('X-1', { a: 1 })).toEqual([expect.objectContaining({ message: "missing 'b'" })]);
    expect(() => new ProfileRegistry(needsB).validateProfile('Y-1', {})).toThrow(/no profile 'Y-1'/);
  });

  it('refuses a schema that breaks the meta-schema when it is opened, every time', () => {
    const bad = folder({ type: 5 });
    expect(() => new ProfileRegistry(bad)).toThrow(/schema is invalid/);
    expect(() => new ProfileRegistry(bad)).toThrow(/schema is invalid/);
  });
});
