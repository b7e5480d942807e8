// Every pack of the reference target has the same shape, so the fifth pack copies one pattern:
// index.ts (its PackModule as `referencePack`), routes.ts (its route table as ROUTES), one file per
// route under interactions/, faults.ts and liberties.ts (typed names), world.ts (the world builder)
// and a README; faults and liberties are consulted only through typed switches; no production file
// of a pack reaches the server or a test library.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyPacks } from './lazy-packs.ts';
import { packModules } from './packs.ts';
import type { PackModule, Route } from './types.ts';

const HERE = import.meta.dirname;
const PACK_DIRS = readdirSync(HERE).filter((d) => d !== 'shared' && statSync(join(HERE, d)).isDirectory());
const REQUIRED = ['README.md', 'index.ts', 'routes.ts', 'faults.ts', 'liberties.ts', 'world.ts'];

function productionSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

describe.each(PACK_DIRS)('reference pack %s', (dir) => {
  const root = join(HERE, dir);

  it('has the files of the pack contract', () => {
    expect(REQUIRED.filter((f) => !existsSync(join(root, f)))).toEqual([]);
    expect(existsSync(join(root, 'interactions'))).toBe(true);
  });

  it('serves each route from its own file under interactions/, and nothing else lives there', async () => {
    const { ROUTES } = (await import(join(root, 'routes.ts'))) as { ROUTES: ReadonlyArray<Route<unknown>> };
    expect(ROUTES.length).toBeGreaterThan(0);
    const files = readdirSync(join(root, 'interactions')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const names = [...new Set(ROUTES.map((r) => r.name))];
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(names.sort());
  });

  it('is listed in packs.ts as its index exports it', async () => {
    const { referencePack } = (await import(join(root, 'index.ts'))) as { referencePack: PackModule };
    expect(packModules).toContain(referencePack);
  });

  it('consults faults and liberties only through typed switches', () => {
    const raw = productionSources(root).filter((f) => /\b(faults|liberties)\.has\(/.test(readFileSync(f, 'utf8')));
    expect(raw).toEqual([]);
  });

  it('keeps test helpers out of its production files', () => {
    const leaking = productionSources(root).filter((f) => /from '(vitest|\.\.\/server\.ts|\.\.\/\.\.\/server\.ts)'/.test(readFileSync(f, 'utf8')));
    expect(leaking).toEqual([]);
  });
});

describe('the lazily imported pack modules', () => {
  it('name, for each module of the catalogue, exactly the packs it serves', async () => {
    const loaded = await Promise.all(lazyPacks.map(async (p) => ({ ids: [...p.ids], served: (await p.load()).packs.map((x) => x.id) })));
    for (const l of loaded) expect(l.ids).toEqual(l.served);
    expect(loaded.map((l) => l.served)).toEqual(packModules.map((m) => m.packs.map((x) => x.id)));
  });
});
