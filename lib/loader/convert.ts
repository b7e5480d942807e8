// Turns one validated raw request step into a StepSpec: compiles FHIRPath, parses paths and
// placeholders, resolves fixture bodies. Every problem becomes a positioned InputError.

import { basename } from 'node:path';
import type { PackDef } from '../model/pack.ts';
import type { BodyPatch, CaptureSpec, CheckSpec, HeaderRule, JwtPatch, RequestBody, RequestSpec, StepSpec, OutcomeAlternative } from '../model/suite.ts';
import { compileFhirPath, FhirPathSyntaxError } from '../fhirpath/compile.ts';
import { parsePath, PathSyntaxError } from '../template/paths.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import type { RawCapture, RawExpect, RawHeaderRule, RawJwt, RawRequest, RawRequestStep } from './raw.ts';
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

export function convertStep(raw: RawRequestStep, at: At, ctx: ConvertContext): StepSpec {
  const request = convertRequest(raw.request, { src: at.src, path: [...at.path, 'request'] }, ctx);
  // A mutation row's expectations were written on the row (or its table), not on the step.
  const expectAt = { src: at.src, path: raw.expectPath ?? [...at.path, 'expect'] };
  const checks = convertExpect(raw.expect ?? {}, expectAt, ctx, request.pack ?? ctx.pack.id);
  const loserChecks = raw.expect?.losers
    ? convertExpect(raw.expect.losers, { src: at.src, path: [...expectAt.path, 'losers'] }, ctx, request.pack ?? ctx.pack.id)
    : [];
  if ((raw.expect?.statuses || raw.expect?.losers) && !raw.race) {
    ctx.errors.push(at.src.error([...expectAt.path, raw.expect?.statuses ? 'statuses' : 'losers'], `'statuses' and 'losers' only apply to race steps (add 'race: N')`, { key: true }));
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
  };
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

  if ('json' in raw) return { kind: 'json', value: raw.json, patch: patchOf(raw) };
  const value = ctx.fixtureBody(raw.fixture);
  if (value === undefined) {
    ctx.errors.push(at.src.error([...at.path, 'fixture'], `no fixture '${raw.fixture}' in suites/${basename(ctx.pack.dir)}/fixtures (looked for ${raw.fixture}.yaml, .yml, .json)`));
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

function compileAt(expression: string, at: At, ctx: ConvertContext, fhirVersion: 'stu3' | 'r4') {
  if (expression.includes('${')) {
    ctx.errors.push(at.src.error(at.path, `FHIRPath cannot contain \${...}: use %name for a captured value (e.g. 'Slot/' + %slot.id)`));
    return () => [];
  }
  try {
    return compileFhirPath(expression, fhirVersion);
  } catch (err) {
    if (!(err instanceof FhirPathSyntaxError)) throw err;
    const quoted = /^["']/.test(at.src.lines[at.src.posOf(at.path).line - 1]?.slice(at.src.posOf(at.path).col - 1) ?? '') ? 1 : 0;
    ctx.errors.push(at.src.error(at.path, `FHIRPath syntax error: ${err.message}`, { colOffset: (err.column ?? 1) - 1 + quoted }));
    return () => [];
  }
}

function convertHeaderRule(rule: RawHeaderRule, at: At, ctx: ConvertContext): HeaderRule {
  if (rule === 'present' || rule === 'absent') return { op: rule };
  if (rule.equals !== undefined) return { op: 'equals', value: String(rule.equals) };
  if (rule.contains !== undefined) return { op: 'contains', value: rule.contains };
  try {
    new RegExp(rule.matches!);
  } catch (err) {
    ctx.errors.push(at.src.error([...at.path, 'matches'], `not a valid regular expression: ${(err as Error).message}`));
  }
  return { op: 'matches', pattern: rule.matches! };
}

/** Expectations in a fixed order, so reports read the same way for every step. */
export function convertExpect(raw: RawExpect, at: At, ctx: ConvertContext, packId: string): CheckSpec[] {
  const pack = ctx.packs.get(packId) ?? ctx.pack;
  const checks: CheckSpec[] = [];
  const here = (key: string | number, ...rest: PathSegment[]) => ({ src: at.src, path: [...at.path, key, ...rest] });
  const ref = (key: string | number, ...rest: PathSegment[]) => at.src.refOf([...at.path, key, ...rest]);
  if (raw.status !== undefined) checks.push({ kind: 'status', expected: Array.isArray(raw.status) ? raw.status : [raw.status], pos: ref('status') });
  if (raw.statuses) checks.push({ kind: 'statuses', counts: raw.statuses, pos: ref('statuses') });
  for (const [header, rule] of Object.entries(raw.headers ?? {})) {
    checks.push({ kind: 'headers', header, rule: convertHeaderRule(rule, here('headers', header), ctx), pos: ref('headers', header) });
  }
  if (raw.contentType) checks.push({ kind: 'contentType', expected: raw.contentType, pos: ref('contentType') });
  if (raw.location) checks.push({ kind: 'location', form: raw.location, pos: ref('location') });
  if (raw.etag) checks.push({ kind: 'etag', form: raw.etag, pos: ref('etag') });
  if (raw.lastModified) checks.push({ kind: 'lastModified', form: raw.lastModified, pos: ref('lastModified') });
  if (raw.body) checks.push({ kind: 'body', expected: raw.body, pos: ref('body') });
  if (raw.outcome !== undefined) {
    const list = Array.isArray(raw.outcome);
    const alternatives = [raw.outcome].flat().map((one, i): OutcomeAlternative => {
      const code = typeof one === 'string' ? one : one.code;
      const base = list ? [...at.path, 'outcome', i] : [...at.path, 'outcome'];
      if (!(code in pack.operationOutcome.codes)) {
        const where = typeof one === 'string' ? base : [...base, 'code'];
        ctx.errors.push(at.src.error(where, `'${code}' is not an error code of ${pack.id} (known: ${Object.keys(pack.operationOutcome.codes).join(', ')})`));
      }
      return { code, ...(typeof one === 'string' ? {} : { status: [one.status].flat() }) };
    });
    const [first, ...others] = alternatives;
    checks.push({ kind: 'outcome', ...first!, ...(others.length ? { alternatives: others } : {}), pos: ref('outcome') });
  }
  if (raw.profile !== undefined) {
    if (!ctx.profiles.has(raw.profile)) {
      ctx.errors.push(at.src.error([...at.path, 'profile'], `no profile '${raw.profile}' in profiles/ (known: ${ctx.profiles.names.join(', ')})`));
    }
    checks.push({ kind: 'profile', profile: raw.profile, pos: ref('profile') });
  }
  (raw.fhirpath ?? []).forEach((item, i) => {
    const expression = typeof item === 'string' ? item : item.expr;
    const itemAt = typeof item === 'string' ? here('fhirpath', i) : here('fhirpath', i, 'expr');
    checks.push({
      kind: 'fhirpath',
      pos: ref('fhirpath', i),
      assertion: {
        expression,
        compiled: compileAt(expression, itemAt, ctx, pack.fhirVersion),
        ...(typeof item !== 'string' && item.description ? { description: item.description } : {}),
      },
    });
  });
  return checks;
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
      compiled: compileAt(expression, { src: at.src, path }, ctx, ctx.pack.fhirVersion),
      pick: typeof spec === 'string' ? 'first' : (spec.pick ?? 'first'),
      ...(typeof spec === 'object' && spec.orSkip ? { orSkip: spec.orSkip } : {}),
    };
  });
}
