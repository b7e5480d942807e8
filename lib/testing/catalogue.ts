// Test helper: a reference module's fault or liberty catalogue checked against itself (names, packs,
// descriptions) and against the production code that consults it, for every pack's catalogue tests.

import { expect } from 'vitest';
import { moduleSources } from './sources.ts';

export interface CatalogueEntry {
  readonly name: string;
  readonly pack: string;
  readonly description?: string;
  readonly grantedBy?: string;
}

export interface CatalogueShape {
  /** At least this many entries. */
  min: number;
  /** Every name is `${prefix}-` and then lower-case words, digits and hyphens. */
  prefix: string;
  /** The packs an entry may belong to. */
  packs: readonly string[];
  /** Each entry has a description of more than 10 characters. */
  described?: boolean;
  /** Each entry names the clause that grants it in more than 20 characters (liberties). */
  granted?: boolean;
}

/** The catalogue holds at least `min` uniquely named entries of the shape asked for. */
export function expectCatalogueShape(entries: readonly CatalogueEntry[], shape: CatalogueShape): void {
  const names = entries.map((e) => e.name);
  expect(names.length).toBeGreaterThanOrEqual(shape.min);
  expect(new Set(names).size).toBe(names.length);
  for (const e of entries) {
    expect(e.name).toMatch(new RegExp(`^${shape.prefix}-[a-z0-9-]+$`));
    expect(shape.packs).toContain(e.pack);
    if (shape.described) expect(e.description?.length).toBeGreaterThan(10);
    if (shape.granted) expect(e.grantedBy?.length).toBeGreaterThan(20);
  }
}

/**
 * Every place the module's production sources below `dir` consult a switch of this kind,
 * `fault('<prefix>-…')` or `liberty('<prefix>-…')`, as the name consulted (repeats kept).
 * `skip` names files to leave out (see moduleSources).
 */
export function consultations(dir: string, kind: 'fault' | 'liberty', prefix: string, skip: readonly string[] = []): string[] {
  const call = new RegExp(`${kind}\\('(${prefix}-[^']+)'\\)`, 'g');
  return [...moduleSources(dir, skip).matchAll(call)].map((m) => m[1]!);
}

/** The code consults exactly the catalogue's names: none left unconsulted, none outside it. */
export function expectConsultedExactly(names: readonly string[], consulted: readonly string[]): void {
  expect([...new Set(consulted)].sort()).toEqual([...names].sort());
}

/** Each of the catalogue's names is consulted at exactly one place (two places could drift apart). */
export function expectEachConsultedOnce(names: readonly string[], consulted: readonly string[]): void {
  for (const name of names) {
    const uses = consulted.filter((n) => n === name).length;
    expect({ name, uses }).toEqual({ name, uses: 1 });
  }
}
