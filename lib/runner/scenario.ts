// Runs one scenario: its steps in order, stopping at the first step that fails or errors
// (later steps depend on earlier ones). Every verdict keeps its evidence.

import type { Faker } from '@faker-js/faker';
import type { AccessTokens } from '../auth/access-tokens.ts';
import { TokenRequestError } from '../auth/token-endpoint.ts';
import { CheckToolError, judgesWholeRace, runCheck, type CheckInput } from '../checks/index.ts';
import { TransportError, type HttpClient, type HttpResponse, type SendOptions } from '../http/client.ts';
import { parseBody, recordResponse, withRedirectNote } from '../http/body.ts';
import type { Redactor } from '../http/redact.ts';
import type { PackDef } from '../model/pack.ts';
import type { CaptureFailure, CheckResult, ErrorCause, RaceEntry, ScenarioResult, ScenarioStatus, SentStep, SkipCause, StepResult, Verdict } from '../model/result.ts';
import type { CheckSpec, Scenario, StepSpec, Suite } from '../model/suite.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import type { Target } from '../model/target.ts';
import { MissingCapturedValue, type EvalScope } from '../template/expressions.ts';
import { interpolate, interpolateToString } from '../template/interpolate.ts';
import { capture, CaptureToolError, type Claims } from './captures.ts';
import { buildRequest } from './request.ts';
import { lazyFaker, loadFaker, mayUseFaker } from './lazy-faker.ts';

export interface ScenarioEnv {
  target: Target;
  packs: ReadonlyMap<string, PackDef>;
  profiles: ProfileRegistry;
  client: HttpClient;
  redactor: Redactor;
  /** The run's access tokens (OAuth2, SMART), one per target pack. */
  tokens: AccessTokens;
  clock: Date;
  seed: number;
  take(pack: string, key: string): unknown;
  claims: Claims;
  onStep(step: StepResult): void;
  /** The run's deadline (run --deadline): aborts requests in flight when it passes. */
  deadline?: AbortSignal;
  /** Tests only: after each step, replay its checks against other bodies (see vacuous.test.ts). */
  probe?(probe: StepProbe): void;
}

export interface StepProbe {
  scenario: Scenario;
  step: StepSpec;
  result: StepResult;
  /** The step's checks and captures against this body, with the real status and headers: what does not pass. */
  replay(body: unknown): Array<CheckResult | CaptureFailure>;
}

/** Lends every pick, keeps none: replays must not disturb the run. */
const LEND_ALL: Claims = { claim: () => true, release: () => {} };

/** A stable per-scenario seed, so a scenario's data does not depend on what ran before it. */
export function scenarioSeed(runSeed: number, id: string): number {
  let h = 2166136261 ^ runSeed;
  // By code point, as `for (const ch of id)` with ch.charCodeAt(0) did (a pair's high half only),
  // without an iterator per character: called for every step and capture.
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h = Math.imul(h ^ c, 16777619);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < id.length) {
      const next = id.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return h >>> 0;
}

/** A step's own time limit, the run's deadline and the pack's retry rule, for the HTTP client. */
function sendOptions(step: StepSpec, pack: PackDef, env: ScenarioEnv): SendOptions {
  return { ...(step.timeoutMs ? { timeoutMs: step.timeoutMs } : {}), ...(env.deadline ? { deadline: env.deadline } : {}), retryPost: pack.retryPost ?? false };
}

function parseSent(body: string | undefined): unknown {
  if (body === undefined) return {};
  try {
    return JSON.parse(body);
  } catch {
    return {};
  }
}


export async function runScenario(scenario: Scenario, suite: Suite, env: ScenarioEnv): Promise<ScenarioResult> {
  const started = performance.now();
  // Faker is imported only when something this scenario interpolates can call it, built on first use.
  if (mayUseFaker(scenario) || mayUseFaker(env.packs) || mayUseFaker(env.target)) await loadFaker();
  const faker = lazyFaker(scenarioSeed(env.seed, scenario.id));
  const vars: Record<string, unknown> = {};
  const steps: StepResult[] = [];
  const held = new ScenarioClaims(env.claims);
  // The scenario's verdict so far: the last step that did not pass sets it.
  let verdict: StepVerdict = { status: 'passed' };
  /** Records a step's result; false when the scenario cannot go on. */
  const record = (result: StepResult): boolean => {
    steps.push(result);
    env.onStep(result);
    if (wroteSomething(result)) held.keep();
    const judged = judgeStep(result, scenario);
    if (judged.status === 'passed') return true;
    verdict = judged;
    // Later steps depend on this one: a step never sent, or a missing capture, ends the scenario at any level.
    const stops = judged.status === 'errored' || judged.status === 'failed' || judged.status === 'skipped';
    return !(stops || result.state !== 'sent' || result.captureFailures.length > 0);
  };
  const stepEnv = { ...env, claims: held };
  for (const [index, step] of scenario.steps.entries()) {
    const run = (spec: StepSpec, key: string) => runStep(spec, scenario, suite, stepEnv, vars, faker, scenarioSeed(env.seed, `${scenario.id}#${key}`));
    if (!(await runPlanned(step, String(index), run, record, { suite, env, vars, faker }))) break;
  }
  held.end();
  const { status, reason, skipCause, errorCause } = verdict;
  return {
    id: scenario.id,
    pack: suite.pack,
    suite: suite.name,
    file: suite.file,
    title: scenario.title,
    level: scenario.level,
    requirement: scenario.requirement,
    source: scenario.source,
    status,
    ...(reason ? { reason } : {}),
    ...(status === 'skipped' && skipCause ? { skipCause } : {}),
    ...(status === 'errored' && errorCause ? { errorCause } : {}),
    steps,
    durationMs: Math.round(performance.now() - started),
  };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A write the target accepted: what this scenario picked is now really used. */
function wroteSomething(step: StepResult): boolean {
  const status = step.state === 'sent' ? step.response.status : 0;
  return WRITES.has(step.request.method.toUpperCase()) && status >= 200 && status < 300;
}

/** What one scenario picked: held for the run once it writes, handed back if it ends without writing. */
class ScenarioClaims implements Claims {
  private readonly mine: string[] = [];
  private kept = false;
  constructor(private readonly run: Claims) {}
  claim(key: string): boolean {
    if (!this.run.claim(key)) return false;
    this.mine.push(key);
    return true;
  }
  release(key: string): void {
    this.run.release(key);
  }
  prefers(key: string): boolean {
    return this.run.prefers?.(key) ?? true;
  }
  keep(): void {
    this.kept = true;
  }
  end(): void {
    if (!this.kept) for (const key of this.mine) this.run.release(key);
  }
}

interface StepVerdict {
  status: ScenarioStatus;
  reason?: string;
  skipCause?: SkipCause;
  errorCause?: ErrorCause;
}

/** A rule the target broke, at the scenario's level: MUST fails, SHOULD warns, MAY informs. */
function broken(scenario: Scenario, reason: string): StepVerdict {
  if (scenario.level === 'MUST') return { status: 'failed', reason };
  if (scenario.level === 'SHOULD') return { status: 'warned', reason };
  return { status: 'info', reason: `(MAY, informational) ${reason}` };
}

/** A failed check is a verdict on the target and outranks a check that could not run. */
function judgeStep(step: StepResult, scenario: Scenario): StepVerdict {
  const why = (message: string) => `${step.name}: ${message}`;
  switch (step.state) {
    case 'not-built':
      if (step.cause === 'target-data') return { status: 'skipped', reason: why(step.message), skipCause: 'target-data' };
      return step.cause === 'missing-value' ? broken(scenario, why(step.message)) : { status: 'errored', reason: why(step.message), errorCause: 'suite' };
    case 'transport-failed':
      return { status: 'errored', reason: why(step.message), errorCause: step.cause };
    case 'sent': {
      const failed = step.checks.find((c) => c.outcome === 'fail') ?? step.captureFailures.find((c) => c.outcome === 'fail');
      if (failed) return broken(scenario, why(failed.message));
      const errored = step.checks.find((c) => c.outcome === 'error') ?? step.captureFailures.find((c) => c.outcome === 'error');
      if (errored) return { status: 'errored', reason: why(errored.message), errorCause: 'suite' };
      if (step.skip) return { status: 'skipped', reason: why(step.skip), skipCause: 'target-data' };
      return { status: 'passed' };
    }
  }
}

interface PlanEnv {
  suite: Suite;
  env: ScenarioEnv;
  vars: Record<string, unknown>;
  faker: Faker;
}

/**
 * One written step: skipped when its `when` is false (its captures become empty lists, so later
 * FHIRPath still reads them), run once, or run once per item of its `each` list. False when the
 * scenario cannot go on.
 */
async function runPlanned(step: StepSpec, key: string, run: (spec: StepSpec, key: string) => Promise<StepResult>, record: (r: StepResult) => boolean, p: PlanEnv): Promise<boolean> {
  const notBuilt = (message: string, cause: 'suite' | 'missing-value'): boolean => record({ state: 'not-built', name: step.name, request: { method: step.request.method, url: '', headers: {} }, cause, message, pos: step.pos });
  if (step.when) {
    let go: boolean;
    try {
      go = isTrue(step.when.compiled({}, varsWithFixtures(p.vars, p.env.target.packs[p.suite.pack]?.fixtures ?? {}), p.env.packs.get(p.suite.pack)?.fhirVersion));
    } catch (err) {
      return notBuilt(`cannot evaluate when '${step.when.expression}': ${(err as Error).message}`, 'suite');
    }
    if (!go) {
      for (const c of step.captures) p.vars[c.name] = [];
      return true;
    }
  }
  if (!step.each) return record({ ...(await run(step, key)), pos: step.pos });
  let items: unknown;
  try {
    items = interpolate(step.each.items, scopeFor(p.suite, p.env.target.packs[step.request.pack ?? p.suite.pack]?.base ?? '', p.env, p.vars, p.faker));
  } catch (err) {
    return notBuilt(`cannot read the list of each: ${(err as Error).message}`, err instanceof MissingCapturedValue ? 'missing-value' : 'suite');
  }
  if (!Array.isArray(items) || items.length === 0) return notBuilt(`each: ${String(step.each.items)} is ${Array.isArray(items) ? 'an empty list' : 'not a list'}`, 'suite');
  const collected = new Map<string, Array<{ item: unknown; value: unknown }>>(step.captures.map((c) => [c.name, []]));
  const had = Object.hasOwn(p.vars, step.each.as) ? p.vars[step.each.as] : undefined;
  for (const [i, item] of items.entries()) {
    p.vars[step.each.as] = item;
    const result = await run({ ...step, name: `${step.name} [${i + 1}/${items.length}${labelOf(item)}]` }, `${key}.${i}`);
    for (const c of step.captures) if (Object.hasOwn(p.vars, c.name)) collected.get(c.name)!.push({ item, value: p.vars[c.name] });
    if (!record({ ...result, pos: step.pos })) return false;
  }
  for (const [name, list] of collected) p.vars[name] = list;
  if (had === undefined) delete p.vars[step.each.as];
  else p.vars[step.each.as] = had;
  return true;
}

/** An item's short name in its step's name: its ods, id or name, when it has one. */
function labelOf(item: unknown): string {
  if (typeof item !== 'object' || item === null) return typeof item === 'string' ? `: ${item}` : '';
  const o = item as Record<string, unknown>;
  const label = o['ods'] ?? o['id'] ?? o['name'];
  return typeof label === 'string' ? `: ${label}` : '';
}

function isTrue(result: unknown[]): boolean {
  return result.length === 1 && result[0] === true;
}

/** compute: and when: read the captured values as %name, and the target's fixtures as %fixture. */
function varsWithFixtures(vars: Record<string, unknown>, fixtures: unknown): Record<string, unknown> {
  return { ...vars, fixture: fixtures };
}

/** A step's compute: values, in order; nothing found is the target's (or, with orSkip, a skip). */
function computeValues(step: StepSpec, vars: Record<string, unknown>, fixtures: unknown, version: PackDef['fhirVersion']): void {
  for (const c of step.compute) {
    let found: unknown[];
    try {
      found = c.compiled({}, varsWithFixtures(vars, fixtures), version);
    } catch (err) {
      throw new ComputeError(`cannot evaluate compute '${c.name}': ${(err as Error).message}`, 'suite');
    }
    if (c.pick === 'all') {
      vars[c.name] = found;
      continue;
    }
    if (found.length === 0) {
      if (c.orSkip) throw new ComputeError(`${c.orSkip} (compute '${c.name}': ${c.expression} found nothing)`, 'skip');
      throw new MissingCapturedValue(`compute '${c.name}': ${c.expression} found nothing among the values the target returned`);
    }
    vars[c.name] = found[0];
  }
}

class ComputeError extends Error {
  constructor(message: string, readonly kind: 'suite' | 'skip') {
    super(message);
  }
}

/** Fixtures and pools are the suite's pack's; the base is the pack the step addresses. */
function scopeFor(suite: Suite, base: string, env: ScenarioEnv, vars: Record<string, unknown>, faker: Faker): EvalScope {
  return {
    vars,
    fixtures: env.target.packs[suite.pack]?.fixtures ?? {},
    take: (key) => env.take(suite.pack, key),
    clock: env.clock,
    faker,
    base,
  };
}

async function runStep(step: StepSpec, scenario: Scenario, suite: Suite, env: ScenarioEnv, vars: Record<string, unknown>, faker: Faker, pickSeed: number): Promise<StepResult> {
  const packId = step.request.pack ?? suite.pack;
  const pack = env.packs.get(packId)!;
  const tp = env.target.packs[packId]!;
  const scope = scopeFor(suite, tp.base, env, vars, faker);
  let built;
  try {
    for (const [name, value] of step.bind) vars[name] = interpolate(value, scope);
    computeValues(step, vars, env.target.packs[suite.pack]?.fixtures ?? {}, env.packs.get(suite.pack)?.fhirVersion ?? pack.fhirVersion);
    built = await buildRequest(step.request, pack, env.target.headers, tp, scope, env.tokens);
  } catch (err) {
    const request = { method: step.request.method, url: tp.base, headers: {} };
    // No access token: the request could not be sent, as when the target cannot be reached.
    if (err instanceof TokenRequestError) return env.redactor.value({ state: 'transport-failed', name: step.name, request, cause: err.errorCause, message: err.message });
    if (err instanceof ComputeError && err.kind === 'skip') return env.redactor.value({ state: 'not-built', name: step.name, request, cause: 'target-data', message: err.message });
    const missing = err instanceof MissingCapturedValue;
    const message = `cannot build the request: ${(err as Error).message}${missing ? ' — an earlier response of the target lacks it' : ''}`;
    return env.redactor.value({ state: 'not-built', name: step.name, request, cause: missing ? 'missing-value' : 'suite', message });
  }
  // Everything the step reports (messages, expected and actual values, errors) may quote what the target echoed.
  const redactor = env.redactor.with(built.secrets);
  return redactVerdicts(await sendAndJudge(step, scenario, env, vars, pickSeed, { built, pack, base: built.endpoint, scope, redactor }), redactor);
}

/** The exchange was redacted as it was recorded; what remains (messages, expected/actual, errors) is redacted here, once. */
function redactVerdicts(step: StepResult, redactor: Redactor): StepResult {
  const { request, ...rest } = step;
  if (rest.state !== 'sent') return { ...redactor.value(rest), request };
  const { response, ...judged } = rest;
  return { ...redactor.value(judged), request, response };
}

interface BuiltStep {
  built: Awaited<ReturnType<typeof buildRequest>>;
  pack: PackDef;
  base: string;
  scope: EvalScope;
  redactor: Redactor;
}

async function sendAndJudge(step: StepSpec, scenario: Scenario, env: ScenarioEnv, vars: Record<string, unknown>, pickSeed: number, b: BuiltStep): Promise<StepResult> {
  const { built, pack, scope, redactor } = b;
  const request = redactor.request({ method: built.http.method, url: built.http.url, headers: built.http.headers, ...(built.http.body !== undefined ? { body: built.http.body } : {}) });
  const count = step.race ?? 1;
  const send = () => env.client.send(built.http, sendOptions(step, pack, env));
  // One request (no race) is awaited as it is: the same settled record, without allSettled's machinery.
  const settled: PromiseSettledResult<HttpResponse>[] =
    count === 1
      ? [await send().then((value): PromiseFulfilledResult<HttpResponse> => ({ status: 'fulfilled', value }), (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason }))]
      : await Promise.allSettled(Array.from({ length: count }, send));
  const responses = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    const err = failure.reason as unknown;
    const transport = err instanceof TransportError;
    const message = transport ? err.message : `tool fault: ${(err as Error)?.stack ?? String(err)}`;
    const cause: ErrorCause = transport ? (err.kind === 'other' ? 'transport' : err.kind) : 'tool';
    const attempts = transport ? err.attempts : undefined;
    return { state: 'transport-failed', name: step.name, request, cause, message, ...(step.race ? { race: raceSummary(settled) } : {}), ...(attempts ? { attempts } : {}) };
  }
  const winner = responses.find((r) => r.status >= 200 && r.status < 300) ?? responses[0]!;
  const recorded = recordResponse(winner, redactor);
  // The values before this step's captures, kept only when a probe will replay the step.
  const before = env.probe ? { ...vars } : vars;
  const sent = parseSent(built.http.body);
  const judging: EvaluateContext = { step, scenario, responses, winner, pack, base: b.base, env, vars, pickSeed, scope, sentBody: sent };
  const judged = evaluate(judging);
  const result: SentStep = { state: 'sent', name: step.name, request, response: recorded, ...judged, ...(step.race ? { race: raceSummary(settled) } : {}), ...(winner.attempts ? { attempts: winner.attempts } : {}) };
  env.probe?.({
    scenario,
    step,
    result,
    replay: (body) => {
      const fake: HttpResponse = { ...winner, body: JSON.stringify(body) };
      const again = evaluate({ ...judging, responses: [fake], winner: fake, env: { ...env, claims: LEND_ALL }, vars: { ...before }, scope: { ...scope, vars: before } });
      return [...again.captureFailures, ...again.checks.filter((c) => c.outcome !== 'pass')];
    },
  });
  return result;
}

function raceSummary(settled: PromiseSettledResult<HttpResponse>[]): RaceEntry[] {
  return settled.map((s) => (s.status === 'fulfilled' ? { status: s.value.status, durationMs: s.value.durationMs } : { error: String((s.reason as Error)?.message ?? s.reason) }));
}

/** One sent step to judge: what came back, and the scope it ran in (a probe replays it with another body). */
interface EvaluateContext {
  step: StepSpec;
  scenario: Scenario;
  /** Every response (N for a race); winner is the one the step's checks and captures judge. */
  responses: HttpResponse[];
  winner: HttpResponse;
  /** The pack the request addressed, and its absolute base. */
  pack: PackDef;
  base: string;
  env: ScenarioEnv;
  /** Captured values so far: this step's captures are written into it. */
  vars: Record<string, unknown>;
  pickSeed: number;
  scope: EvalScope;
  /** The body this step sent, for checks as %request. */
  sentBody: unknown;
}

function evaluate(ctx: EvaluateContext): { checks: CheckResult[]; captureFailures: CaptureFailure[]; skip?: string } {
  const { step, scenario, responses, winner, pack, base, env, vars, pickSeed, scope, sentBody } = ctx;
  const level = scenario.level;
  const results: CheckResult[] = [];
  const captureFailures: CaptureFailure[] = [];
  const parsed = parseBody(winner, (t) => env.redactor.text(t));
  let skip: string | undefined;
  // Captures first, so a step's own checks may compare against what it captured. They stop at the
  // first that finds nothing (or skips): a later one may read it, and would only error on its absence.
  for (const c of step.captures) {
    if (skip !== undefined || captureFailures.length > 0) break;
    const looked = c.kind === 'header' ? c.header : c.expression;
    const at = c.pos ? { pos: c.pos } : {};
    try {
      const out = capture(c, winner, parsed.json, vars, { pickSeed: scenarioSeed(pickSeed, c.name), claims: env.claims, fhirVersion: pack.fhirVersion, ...(parsed.notJson ? { notJson: parsed.notJson } : {}) });
      if (out.ok) vars[c.name] = out.value;
      else if ('skip' in out) skip ??= out.skip;
      else captureFailures.push({ name: c.name, looked, outcome: 'fail', message: out.message, ...at });
    } catch (err) {
      if (!(err instanceof CaptureToolError)) throw err;
      captureFailures.push({ name: c.name, looked, outcome: 'error', message: `suite fault: ${err.message}`, ...at });
    }
  }
  const checkVars = { ...vars, request: sentBody, fixture: scope.fixtures };
  const statuses = responses.map((r) => r.status);
  const inputFor = (res: HttpResponse, p: { json: unknown; notJson?: string }): CheckInput => ({
    response: res,
    json: p.json,
    ...(p.notJson ? { notJson: p.notJson } : {}),
    statuses,
    base,
    pack,
    profiles: env.profiles,
    vars: checkVars,
    render: (v) => interpolateToString(v, scope),
  });
  // One check that cannot be evaluated (the suite's fault) is its own outcome; the others still judge.
  // Object literals in the order the reports show (kind, level, pos, outcome...), not spreads: one per check.
  const record = (spec: CheckSpec, judge: () => Verdict, prefix = '') => {
    const { kind, pos } = spec;
    try {
      const v = judge();
      const message = prefix + v.message;
      results.push(pos ? { kind, level, pos, outcome: v.outcome, expected: v.expected, actual: v.actual, message } : { kind, level, outcome: v.outcome, expected: v.expected, actual: v.actual, message });
    } catch (err) {
      if (!(err instanceof CheckToolError)) throw err;
      const message = `${prefix}cannot evaluate the check: ${err.message}`;
      results.push(pos ? { kind, level, pos, outcome: 'error', cause: 'suite', message } : { kind, level, outcome: 'error', cause: 'suite', message });
    }
  };
  // One input for every check of the winner (checks only read it).
  const winnerInput = step.checks.length > 0 ? inputFor(winner, parsed) : undefined;
  for (const spec of step.checks) {
    // A check over the whole race is not about the winner's answer, so no redirect note on it.
    if (judgesWholeRace(spec)) record(spec, () => runCheck(spec, winnerInput!));
    else record(spec, () => withRedirectNote(runCheck(spec, winnerInput!), winner));
  }
  const losers = responses.filter((r) => r !== winner && !(r.status >= 200 && r.status < 300));
  losers.forEach((res, i) => {
    const p = parseBody(res, (t) => env.redactor.text(t));
    for (const spec of step.loserChecks) {
      if (!judgesWholeRace(spec)) record(spec, () => runCheck(spec, inputFor(res, p)), `[loser ${i + 1}] `);
    }
  });
  // The step's own checks still count: a wrong answer fails even where the data ran short.
  const judged = results.some((r) => r.outcome !== 'pass') || captureFailures.length > 0;
  return { checks: results, captureFailures, ...(skip && !judged ? { skip } : {}) };
}
