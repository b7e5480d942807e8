// Expansion: a suite file's scenarios and mutation tables become Scenarios. Shared steps are
// inlined with their params bound, each mutation row becomes a scenario of its own, and every step
// is analysed (placeholders, captures) and converted.

import { basename, dirname } from 'node:path';
import type { PackDef } from '../model/pack.ts';
import type { Scenario, StepSpec } from '../model/suite.ts';
import type { YamlSource } from '../diagnostics/input-error.ts';
import { analyzeStep, checkPlaceholders, type Scope } from './analyze.ts';
import { convertStep, type At, type ConvertContext } from './convert.ts';
import { isUseStep, type RawMutationRow, type RawMutationTable, type RawRequestStep, type RawScenario, type RawSharedStep, type RawStep, type RawSuite } from './raw.ts';

/** What expansion needs of a pack's folder: the pack, its shared steps and its fixture bodies. */
export interface PackParts {
  pack: PackDef;
  shared: Map<string, { def: RawSharedStep; at: At }>;
  fixtures: Map<string, unknown>;
}

/** Which scenarios to build (all when absent): a run that selects a few compiles just those. */
export type Wants = (scenario: { id: string; title: string; tags: string[] }) => boolean;

/** Every scenario of a suite file (or those `wants` takes), its plain scenarios first, then each mutation table's rows. */
export function expandSuite(raw: RawSuite, src: YamlSource, folder: PackParts, ctx: ConvertContext, wants?: Wants): Scenario[] {
  const scenarios: Scenario[] = [];
  (raw.scenarios ?? []).forEach((sc, i) => {
    if (!wants || wants({ id: sc.id, title: sc.title, tags: sc.tags ?? [] })) scenarios.push(buildScenario(sc, { src, path: ['scenarios', i] }, folder, ctx));
  });
  (raw.mutations ?? []).forEach((table, i) => scenarios.push(...expandMutationTable(table, { src, path: ['mutations', i] }, folder, ctx, wants)));
  return scenarios;
}

function buildScenario(raw: RawScenario, at: At, folder: PackParts, ctx: ConvertContext, stepsAt?: At): Scenario {
  const scope: Scope = { defined: new Set(), fixtureRefs: [] };
  const steps = expandSteps(raw.steps, stepsAt ?? { src: at.src, path: [...at.path, 'steps'] }, folder, ctx, scope, []);
  const packs = [...new Set([folder.pack.id, ...steps.map((s) => s.request.pack ?? folder.pack.id)])];
  return {
    id: raw.id,
    title: raw.title,
    level: raw.level,
    requirement: raw.requirement,
    source: raw.source,
    tags: raw.tags ?? [],
    pos: at.src.posOf(at.path),
    steps,
    packs,
    writes: steps.some((s) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(s.request.method)),
    fixtureRefs: scope.fixtureRefs,
  };
}

function expandSteps(raws: RawStep[], at: At, folder: PackParts, ctx: ConvertContext, scope: Scope, stack: string[]): StepSpec[] {
  return raws.flatMap((raw, i) => {
    const stepAt: At = { src: at.src, path: [...at.path, i] };
    if (!isUseStep(raw)) {
      const stepCtx = { ...ctx, src: stepAt.src };
      const fixture = raw.request.body && 'fixture' in raw.request.body ? folder.fixtures.get(raw.request.body.fixture) : undefined;
      analyzeStep(raw, stepAt, scope, stepCtx, fixture);
      return [convertStep(raw, stepAt, stepCtx)];
    }
    return expandUse(raw.use, raw.with ?? {}, stepAt, folder, ctx, scope, stack);
  });
}

function expandUse(name: string, given: Record<string, unknown>, at: At, folder: PackParts, ctx: ConvertContext, scope: Scope, stack: string[]): StepSpec[] {
  const shared = folder.shared.get(name);
  if (!shared) {
    ctx.errors.push(at.src.error([...at.path, 'use'], `no shared step '${name}' in ${basename(dirname(folder.pack.dir))}/${basename(folder.pack.dir)}/steps.yaml (known: ${[...folder.shared.keys()].join(', ') || 'none'})`));
    return [];
  }
  if (stack.includes(name)) {
    ctx.errors.push(at.src.error([...at.path, 'use'], `shared step '${name}' uses itself (${[...stack, name].join(' → ')})`));
    return [];
  }
  const params = shared.def.params ?? {};
  for (const key of Object.keys(given)) {
    if (!(key in params)) ctx.errors.push(at.src.error([...at.path, 'with', key], `shared step '${name}' has no param '${key}' (params: ${Object.keys(params).join(', ') || 'none'})`, { key: true }));
  }
  const bind: Array<[string, unknown]> = [];
  for (const [key, dflt] of Object.entries(params)) {
    const value = key in given ? given[key] : dflt;
    if (value === null || value === undefined) {
      ctx.errors.push(at.src.error(at.path, `shared step '${name}' needs param '${key}' (add 'with: { ${key}: ... }')`));
      scope.defined.add(key); // reported once here, not again at every use inside the shared step
      continue;
    }
    const valueAt: At = key in given ? { src: at.src, path: [...at.path, 'with', key] } : { src: shared.at.src, path: [...shared.at.path, 'params', key] };
    checkPlaceholders(value, valueAt, scope, ctx);
    bind.push([key, value]);
  }
  for (const [key] of bind) scope.defined.add(key);
  const steps = expandSteps(shared.def.steps, { src: shared.at.src, path: [...shared.at.path, 'steps'] }, folder, { ...ctx, src: shared.at.src }, scope, [...stack, name]);
  return steps.map((s, i) => ({ ...s, from: s.from ?? name, bind: i === 0 ? [...bind, ...s.bind] : s.bind }));
}

function expandMutationTable(table: RawMutationTable, at: At, folder: PackParts, ctx: ConvertContext, wants?: Wants): Scenario[] {
  const marked = table.steps.map((s, i) => (!isUseStep(s) && s.mutate ? i : -1)).filter((i) => i >= 0);
  if (marked.length !== 1) {
    ctx.errors.push(at.src.error([...at.path, 'steps'], `a mutation table needs exactly one step with 'mutate: true' (found ${marked.length})`));
    return [];
  }
  const index = marked[0]!;
  const taken = (row: RawMutationRow) => !wants || wants({ id: row.id, title: row.title, tags: [...(table.tags ?? []), ...(row.tags ?? [])] });
  return table.rows.flatMap((row, r) => {
    if (!taken(row)) return [];
    const rowAt: At = { src: at.src, path: [...at.path, 'rows', r] };
    const steps = table.steps.map((s, i) => (i === index ? applyRow(s as RawRequestStep, row, table, rowAt, ctx) : s));
    const source = row.source ?? table.source;
    if (!source) ctx.errors.push(at.src.error(rowAt.path, `row ${row.id} needs a 'source' (or the table one)`));
    const scenario: RawScenario = {
      id: row.id,
      title: row.title,
      level: row.level ?? table.level ?? 'MUST',
      requirement: row.requirement,
      source: source ?? '',
      tags: [...(table.tags ?? []), ...(row.tags ?? [])],
      steps,
    };
    return buildScenario(scenario, rowAt, folder, ctx, { src: at.src, path: [...at.path, 'steps'] });
  });
}

function applyRow(step: RawRequestStep, row: RawMutationRow, table: RawMutationTable, rowAt: At, ctx: ConvertContext): RawRequestStep {
  const request = structuredClone(step.request);
  if (row.remove || row.set) {
    if (!request.body || 'raw' in request.body) {
      ctx.errors.push(rowAt.src.error(rowAt.path, `row ${row.id} changes the body, but the mutated step has no JSON body`));
    } else {
      // Kept apart from the step's own set/remove so they apply after them (see BodyPatch).
      const body = request.body as { rowSet?: Record<string, unknown>; rowRemove?: string[] };
      body.rowRemove = row.remove ?? [];
      body.rowSet = row.set ?? {};
    }
  }
  if (row.headers) request.headers = { ...(request.headers ?? {}), ...row.headers };
  if (row.query) request.query = { ...(request.query ?? {}), ...row.query };
  if (row.jwt !== undefined) request.jwt = row.jwt;
  const expect = row.expect ?? table.expect;
  if (!expect) ctx.errors.push(rowAt.src.error(rowAt.path, `row ${row.id} needs 'expect' (or the table one)`));
  const expectPath = row.expect ? [...rowAt.path, 'expect'] : [...rowAt.path.slice(0, -2), 'expect'];
  return { ...step, request, expect: expect ?? {}, expectPath };
}
