// Static checks that need the order of steps: a ${name} or %name must have been captured
// (or bound as a param) by an earlier step; fixtures are collected so a target lacking one
// is reported before anything is sent.

import { referencedVariables } from '../fhirpath/compile.ts';
import { parseExpr, TemplateSyntaxError } from '../template/expressions.ts';
import { collectPlaceholders } from '../template/interpolate.ts';
import { CHECKS } from '../checks/index.ts';
import type { Scenario } from '../model/suite.ts';
import type { RawCapture, RawExpect, RawRequestStep } from './raw.ts';
import type { At, ConvertContext } from './convert.ts';
import type { PathSegment } from '../diagnostics/input-error.ts';

export type FixtureRef = Scenario['fixtureRefs'][number];

export interface Scope {
  defined: Set<string>;
  fixtureRefs: FixtureRef[];
}

/** Checks every placeholder inside `value` (found at `at`) against the scope. */
export function checkPlaceholders(value: unknown, at: At, scope: Scope, ctx: ConvertContext, note = ''): void {
  for (const { body, path } of collectPlaceholders(value)) {
    const where: PathSegment[] = note ? at.path : [...at.path, ...path];
    try {
      const expr = parseExpr(body);
      if (expr.kind === 'var' && !scope.defined.has(expr.name)) {
        ctx.errors.push(at.src.error(where, `\${${body}}${note}: '${expr.name}' is not captured by an earlier step${hint(scope)}`));
      }
      if (expr.kind === 'fixture' || expr.kind === 'take') {
        scope.fixtureRefs.push({ key: expr.key, pos: at.src.posOf(where), take: expr.kind === 'take' });
      }
    } catch (err) {
      if (!(err instanceof TemplateSyntaxError)) throw err;
      ctx.errors.push(at.src.error(where, err.message + note));
    }
  }
}

function hint(scope: Scope): string {
  return scope.defined.size > 0 ? ` (defined so far: ${[...scope.defined].join(', ')})` : ' (nothing is captured before this step)';
}

// Shared steps and mutation rows repeat the same expressions thousands of times (some 30 ms of regexes at load).
const variablesOf = new Map<string, readonly string[]>();

function checkFhirPathVars(expression: string, at: At, defined: Set<string>, ctx: ConvertContext): void {
  let names = variablesOf.get(expression);
  if (!names) variablesOf.set(expression, (names = referencedVariables(expression)));
  for (const name of names) {
    if (!defined.has(name)) {
      ctx.errors.push(at.src.error(at.path, `FHIRPath reads %${name}, which is not captured by an earlier step or this one`));
    }
  }
}

/** The FHIRPath each check kind finds in its own key must read only %variables already captured. */
function checkExpectVars(expect: RawExpect | undefined, at: At, defined: Set<string>, ctx: ConvertContext): void {
  for (const def of CHECKS) {
    const value = expect?.[def.yamlKey];
    if (value === undefined || !def.expressions) continue;
    for (const { expression, below } of def.expressions(value as never)) {
      checkFhirPathVars(expression, { src: at.src, path: [...at.path, def.yamlKey, ...below] }, defined, ctx);
    }
  }
  if (expect?.losers) checkExpectVars(expect.losers, { src: at.src, path: [...at.path, 'losers'] }, defined, ctx);
}

function captureExpression(spec: RawCapture): string | undefined {
  if (typeof spec === 'string') return spec;
  return 'fhirpath' in spec ? spec.fhirpath : undefined;
}

/** Analyses one request step in order: request placeholders, then captures, then checks. */
export function analyzeStep(raw: RawRequestStep, at: At, scope: Scope, ctx: ConvertContext, fixtureBody?: unknown): void {
  // Order of evaluation: when, each (its item bound), let, compute, the request, captures, checks.
  // %fixture is the target's fixtures, as in checks.
  if (raw.when !== undefined) checkFhirPathVars(raw.when, { src: at.src, path: [...at.path, 'when'] }, new Set([...scope.defined, 'fixture']), ctx);
  const outer = new Set(scope.defined);
  if (raw.each) {
    checkPlaceholders(raw.each.in, { src: at.src, path: [...at.path, 'each', 'in'] }, scope, ctx);
    scope.defined.add(raw.each.as);
  }
  for (const [name, value] of Object.entries(raw.let ?? {})) {
    checkPlaceholders(value, { src: at.src, path: [...at.path, 'let', name] }, scope, ctx);
    scope.defined.add(name);
  }
  for (const [name, spec] of Object.entries(raw.compute ?? {})) {
    const expression = typeof spec === 'string' ? spec : spec.fhirpath;
    checkFhirPathVars(expression, { src: at.src, path: [...at.path, 'compute', name] }, new Set([...scope.defined, 'fixture']), ctx);
    scope.defined.add(name);
  }
  const { body, ...rest } = raw.request;
  checkPlaceholders(rest, { src: at.src, path: [...at.path, 'request'] }, scope, ctx);
  if (body) {
    if ('fixture' in body) {
      checkPlaceholders(fixtureBody, { src: at.src, path: [...at.path, 'request', 'body', 'fixture'] }, scope, ctx, ` (in fixture '${body.fixture}')`);
      const { fixture: _f, ...patch } = body;
      checkPlaceholders(patch, { src: at.src, path: [...at.path, 'request', 'body'] }, scope, ctx);
    } else {
      checkPlaceholders(body, { src: at.src, path: [...at.path, 'request', 'body'] }, scope, ctx);
    }
  }
  // Captures run in order, so a capture may read the ones written before it in the same step.
  const capturing = new Set(scope.defined);
  for (const [name, spec] of Object.entries(raw.capture ?? {})) {
    const expr = captureExpression(spec);
    if (expr) checkFhirPathVars(expr, { src: at.src, path: [...at.path, 'capture', name] }, capturing, ctx);
    capturing.add(name);
  }
  // %request is the body this step sent, so a check can say 'returned as sent'; %fixture the target's fixtures.
  const withCaptures = new Set([...scope.defined, ...Object.keys(raw.capture ?? {}), 'request', 'fixture']);
  checkExpectVars(raw.expect, { src: at.src, path: [...at.path, 'expect'] }, withCaptures, ctx);
  for (const name of Object.keys(raw.capture ?? {})) scope.defined.add(name);
  // The item is bound only inside an each-step; after it, its captures are lists of { item, value }.
  if (raw.each && !outer.has(raw.each.as)) scope.defined.delete(raw.each.as);
}
