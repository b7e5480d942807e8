// Turns one validated raw request step into a StepSpec: compiles FHIRPath, parses paths and
// placeholders, resolves fixture bodies. Every problem becomes a positioned InputError.

import { basename, dirname } from 'node:path';
import type { CompiledPath } from '../model/fhir.ts';
import type { PackDef } from '../model/pack.ts';
import type { BodyPatch, CaptureSpec, CheckSpec, ComputeSpec, JwtPatch, RequestBody, RequestSpec, StepSpec } from '../model/suite.ts';
import { CHECKS, type ExpectAt } from '../checks/index.ts';
import { compileFhirPath, FhirPathSyntaxError } from '../fhirpath/compile.ts';
import { parsePath, PathSyntaxError } from '../common/body-path.ts';
import { jsonTextValue } from './inline-body.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import type { RawCapture, RawCompute, RawExpect, RawJwt, RawRequest, RawRequestStep } from './raw.ts';
import type { InputError, PathSegment, YamlSource } from '../diagnostics/input-error.ts';

export interface ConvertContext {
  src: YamlSource;
  pack: PackDef;
  packs: ReadonlyMap<string, PackDef>;
  profiles: ProfileRegistry;
  fixtureBody(name: string): unknown | undefined;
  errors: InputError[];
}

/** Where a raw value came from: the file and the path of the value inside it. */
export interface At {
  src: YamlSource;
  path: PathSegment[];
}

/** Keys of `expect:` that only a race can judge: the kinds that judge the responses together, and the losers' checks. */
const RACE_ONLY = [...CHECKS.filter((d) => d.race).map((d) => d.yamlKey), 'losers'];

export function convertStep(raw: RawRequestStep, at: At, ctx: ConvertContext): StepSpec {
  const request = convertRequest(raw.request, { src: at.src, path: [...at.path, 'request'] }, ctx);
  // A mutation row's expectations were written on the row (or its table), not on the step.
  const expectAt = { src: at.src, path: raw.expectPath ?? [...at.path, 'expect'] };
  const checks = convertExpect(raw.expect ?? {}, expectAt, ctx, request.pack ?? ctx.pack.id);
  const loserChecks = raw.expect?.losers
    ? convertExpect(raw.expect.losers, { src: at.src, path: [...expectAt.path, 'losers'] }, ctx, request.pack ?? ctx.pack.id)
    : [];
  const misplaced = RACE_ONLY.find((key) => (raw.expect as Record<string, unknown> | undefined)?.[key] !== undefined);
  if (misplaced && !raw.race) {
    ctx.errors.push(at.src.error([...expectAt.path, misplaced], `${RACE_ONLY.map((k) => `'${k}'`).join(' and ')} only apply to race steps (add 'race: N')`, { key: true }));
  }
  return {
    name: raw.name,
    pos: at.src.posOf(at.path),
    request,
    ...(raw.race ? { race: raw.race } : {}),
    ...(raw.timeoutMs ? { timeoutMs: raw.timeoutMs } : {}),
    ...(raw.bodyNotSpecified ? { bodyNotSpecified: raw.bodyNotSpecified } : {}),
    checks,
    loserChecks,
    captures: convertCaptures(raw.capture ?? {}, { src: at.src, path: [...at.path, 'capture'] }, ctx),
    bind: Object.entries(raw.let ?? {}),
    compute: convertCompute(raw.compute ?? {}, { src: at.src, path: [...at.path, 'compute'] }, ctx),
    ...(raw.when !== undefined ? { when: varsExpression(raw.when, { src: at.src, path: [...at.path, 'when'] }, ctx) } : {}),
    ...(raw.each ? { each: { items: raw.each.in, as: raw.each.as, pos: at.src.posOf([...at.path, 'each']) } } : {}),
  };
}

/** FHIRPath read over the captured values rather than a response (compute:, when:). */
function varsExpression(expression: string, at: At, ctx: ConvertContext) {
  return { expression, compiled: compileAt(expression, at, ctx, ctx.pack), pos: at.src.refOf(at.path) };
}

function convertCompute(raw: Record<string, RawCompute>, at: At, ctx: ConvertContext): ComputeSpec[] {
  return Object.entries(raw).map(([name, spec]) => {
    const expression = typeof spec === 'string' ? spec : spec.fhirpath;
    const path = typeof spec === 'string' ? [...at.path, name] : [...at.path, name, 'fhirpath'];
    const pick = typeof spec === 'object' ? (spec.pick ?? 'first') : 'first';
    return { name, pick, ...varsExpression(expression, { src: at.src, path }, ctx), ...(typeof spec === 'object' && spec.orSkip ? { orSkip: spec.orSkip } : {}) };
  });
}

function checkPaths(paths: string[], at: At, key: string, ctx: ConvertContext): void {
  paths.forEach((p, i) => {
    try {
      parsePath(p);
    } catch (err) {
      if (err instanceof PathSyntaxError) ctx.errors.push(at.src.error([...at.path, key, i], err.message));
      else throw err;
    }
  });
}

function checkSetPaths(set: Record<string, unknown>, at: At, ctx: ConvertContext): Array<[string, unknown]> {
  for (const p of Object.keys(set)) {
    try {
      parsePath(p);
    } catch (err) {
      if (err instanceof PathSyntaxError) ctx.errors.push(at.src.error([...at.path, p], err.message, { key: true }));
      else throw err;
    }
  }
  return Object.entries(set);
}

export function convertJwt(raw: false | RawJwt, at: At, ctx: ConvertContext): JwtPatch {
  if (raw === false) return { omit: true, remove: [], set: [] };
  checkPaths(raw.remove ?? [], at, 'remove', ctx);
  return {
    omit: false,
    ...(raw.raw !== undefined ? { raw: raw.raw } : {}),
    remove: raw.remove ?? [],
    set: checkSetPaths(raw.set ?? {}, { src: at.src, path: [...at.path, 'set'] }, ctx),
    ...(raw.header ? { header: raw.header } : {}),
  };
}

function convertBody(raw: RawRequest['body'], at: At, ctx: ConvertContext): RequestBody {
  if (raw === undefined) return { kind: 'none' };
  if ('raw' in raw) return { kind: 'raw', text: raw.raw, ...(raw.contentType ? { contentType: raw.contentType } : {}) };
  const patchOf = (p: { set?: Record<string, unknown>; remove?: string[]; rowSet?: Record<string, unknown>; rowRemove?: string[] }): BodyPatch => {
    checkPaths(p.remove ?? [], at, 'remove', ctx);
    checkPaths(p.rowRemove ?? [], at, 'remove', ctx);
    const sets = (o: Record<string, unknown> | undefined) => checkSetPaths(o ?? {}, { src: at.src, path: [...at.path, 'set'] }, ctx).map(([path, value]) => ({ op: 'set' as const, path, value }));
    const removes = (l: string[] | undefined) => (l ?? []).map((path) => ({ op: 'remove' as const, path }));
    return [...sets(p.set), ...removes(p.remove), ...removes(p.rowRemove), ...sets(p.rowSet)];
  };

  if ('json' in raw) return { kind: 'json', value: jsonTextValue(raw.json, { src: at.src, path: [...at.path, 'json'] }, ctx.errors), patch: patchOf(raw) };
  const value = ctx.fixtureBody(raw.fixture);
  if (value === undefined) {
    ctx.errors.push(at.src.error([...at.path, 'fixture'], `no fixture '${raw.fixture}' in ${basename(dirname(ctx.pack.dir))}/${basename(ctx.pack.dir)}/fixtures (looked for ${raw.fixture}.yaml, .yml, .json)`));
  }
  return { kind: 'json', value: value ?? {}, patch: patchOf(raw), fixture: raw.fixture };
}

function convertRequest(raw: RawRequest, at: At, ctx: ConvertContext): RequestSpec {
  if (raw.pack !== undefined && !ctx.packs.has(raw.pack)) {
    ctx.errors.push(at.src.error([...at.path, 'pack'], `unknown pack '${raw.pack}' (known: ${[...ctx.packs.keys()].join(', ')})`));
  }
  const pack = ctx.packs.get(raw.pack ?? ctx.pack.id) ?? ctx.pack;
  if (pack.auth === 'gpconnect-jwt') {
    if (raw.interaction === undefined) {
      ctx.errors.push(at.src.error(at.path, `a ${pack.id} request needs 'interaction' (it sets Ssp-InteractionID and the JWT scope)`));
    } else if (!(raw.interaction in pack.interactions)) {
      ctx.errors.push(at.src.error([...at.path, 'interaction'], `interaction '${raw.interaction}' is not in ${pack.id}/pack.yaml interactions`));
    }
  }
  const query: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(raw.query ?? {})) {
    if (v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) query.push([k, String(item)]);
  }
  return {
    method: raw.method,
    path: raw.path,
    ...(raw.pack ? { pack: raw.pack } : {}),
    query,
    headers: Object.entries(raw.headers ?? {}).map(([k, v]) => [k, v === null ? null : String(v)]),
    ...(raw.interaction ? { interaction: raw.interaction } : {}),
    body: convertBody(raw.body, { src: at.src, path: [...at.path, 'body'] }, ctx),
    ...(raw.jwt !== undefined ? { jwt: convertJwt(raw.jwt, { src: at.src, path: [...at.path, 'jwt'] }, ctx) } : {}),
  };
}

/**
 * Compiles once per FHIR version the pack is written for: a pack of several versions gets one function
 * per version, and the run calls the target's (CompiledPath's `version`).
 */
function compileAt(expression: string, at: At, ctx: ConvertContext, pack: PackDef) {
  if (expression.includes('${')) {
    ctx.errors.push(at.src.error(at.path, `FHIRPath cannot contain \${...}: use %name for a captured value (e.g. 'Slot/' + %slot.id)`));
    return () => [];
  }
  try {
    const versions = pack.fhirVersions ?? [pack.fhirVersion];
    if (versions.length === 1) return compileFhirPath(expression, versions[0]!);
    const byVersion = new Map(versions.map((v) => [v, compileFhirPath(expression, v)]));
    const first = byVersion.get(versions[0]!)!;
    const dispatch: CompiledPath = (resource, vars, version) => (byVersion.get(version ?? versions[0]!) ?? first)(resource, vars);
    return dispatch;
  } catch (err) {
    if (!(err instanceof FhirPathSyntaxError)) throw err;
    const quoted = /^["']/.test(at.src.lines[at.src.posOf(at.path).line - 1]?.slice(at.src.posOf(at.path).col - 1) ?? '') ? 1 : 0;
    ctx.errors.push(at.src.error(at.path, `FHIRPath syntax error: ${err.message}`, { colOffset: (err.column ?? 1) - 1 + quoted }));
    return () => [];
  }
}

/** Expectations in the registry's order, so reports read the same way for every step; each kind converts its own key. */
export function convertExpect(raw: RawExpect, at: At, ctx: ConvertContext, packId: string): CheckSpec[] {
  const pack = ctx.packs.get(packId) ?? ctx.pack;
  const checks: CheckSpec[] = [];
  for (const def of CHECKS) {
    const value = raw[def.yamlKey];
    if (value !== undefined) checks.push(...[def.convert(value as never, expectAt(def.yamlKey, at, ctx, pack))].flat());
  }
  return checks;
}

/** What a kind's convert sees of the loader: paths below its own key, errors collected, FHIRPath in the step pack's version. */
function expectAt(key: string, at: At, ctx: ConvertContext, pack: PackDef): ExpectAt {
  const path = (below: PathSegment[]) => [...at.path, key, ...below];
  return {
    pack,
    profiles: ctx.profiles,
    pos: (...below) => at.src.refOf(path(below)),
    error: (below, message) => void ctx.errors.push(at.src.error(path(below), message)),
    fhirpath: (expression, below) => compileAt(expression, { src: at.src, path: path(below) }, ctx, pack),
  };
}

function convertCaptures(raw: Record<string, RawCapture>, at: At, ctx: ConvertContext): CaptureSpec[] {
  return Object.entries(raw).map(([name, spec]): CaptureSpec => {
    if (typeof spec === 'object' && 'header' in spec) return { kind: 'header', name, header: spec.header, pos: at.src.refOf([...at.path, name]) };
    const expression = typeof spec === 'string' ? spec : spec.fhirpath;
    const path = typeof spec === 'string' ? [...at.path, name] : [...at.path, name, 'fhirpath'];
    return {
      kind: 'fhirpath',
      name,
      pos: at.src.refOf(path),
      expression,
      compiled: compileAt(expression, { src: at.src, path }, ctx, ctx.pack),
      pick: typeof spec === 'string' ? 'first' : (spec.pick ?? 'first'),
      ...(typeof spec === 'object' && spec.orSkip ? { orSkip: spec.orSkip } : {}),
    };
  });
}
