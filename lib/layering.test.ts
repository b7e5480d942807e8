// The layering of lib/, enforced: a module imports only from folders on a lower floor (or its own
// folder). lib/README.md draws the same picture. Test files are exempt: a test is a consumer of
// everything it tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = import.meta.dirname;

/** Lowest floor first. */
const FLOORS: readonly (readonly string[])[] = [
  ['common'],
  ['model'],
  ['diagnostics'],
  ['fhirpath', 'template', 'profiles', 'http'],
  ['checks', 'auth'],
  ['loader', 'reference-target'],
  ['targets'],
  ['runner'],
  ['report'],
  ['evidence'],
  ['session'],
  ['cli', 'api', 'scripts', 'examples', 'testing'],
];

/** The reference target is a provider, not part of the tool: only targets/ starts it (and test support reads its catalogue). */
const REFERENCE_TARGET_REACHED_FROM = new Set(['targets', 'testing']);

const floorOf = new Map(FLOORS.flatMap((names, floor) => names.map((n) => [n, floor] as const)));

function sources(): string[] {
  return readdirSync(LIB, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts'))
    .filter((f) => statSync(join(LIB, f)).isFile());
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(LIB, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

const folderOf = (file: string): string => file.split(sep)[0]!;

interface Edge {
  file: string;
  from: string;
  to: string;
}

function crossFolderImports(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sources()) {
    if (!file.includes(sep)) continue;
    for (const spec of importsOf(file)) {
      const target = relative(LIB, normalize(join(LIB, dirname(file), spec)));
      const to = folderOf(target);
      const from = folderOf(file);
      if (to !== from && !target.startsWith('..')) edges.push({ file, from, to });
    }
  }
  return edges;
}

describe('layering of lib/', () => {
  const edges = crossFolderImports();

  it('puts every folder on a floor', () => {
    const folders = readdirSync(LIB).filter((d) => statSync(join(LIB, d)).isDirectory());
    expect(folders.filter((d) => !floorOf.has(d))).toEqual([]);
  });

  it('sees the imports it judges', () => {
    expect(edges.length).toBeGreaterThan(50);
  });

  it('has no import from a folder on the same or a higher floor', () => {
    const backward = edges
      .filter((e) => floorOf.get(e.to)! >= floorOf.get(e.from)!)
      .map((e) => `${e.file} imports ${e.to}/ (floor ${floorOf.get(e.to)} from floor ${floorOf.get(e.from)})`);
    expect(backward).toEqual([]);
  });

  it('reaches the reference target only through targets/', () => {
    const stray = edges.filter((e) => e.to === 'reference-target' && !REFERENCE_TARGET_REACHED_FROM.has(e.from)).map((e) => e.file);
    expect(stray).toEqual([]);
  });
});
