// Replays a published example response through the checks of the suite steps that expect that kind of
// response. The examples are bodies only: the HTTP response around them is synthesised (the status the
// step expects; ETag, Location and Last-Modified built from the body) so that checks linking headers to
// the body judge the body's own id, meta.versionId and meta.lastUpdated.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkLabel, CheckToolError, exampleSkip, runCheck, type CheckInput, type OutcomeAlternative, type Verdict } from '../checks/index.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import { referencedVariables } from '../fhirpath/compile.ts';
import type { Workspace } from '../loader/workspace.ts';
import type { PackDef } from '../model/pack.ts';
import type { CheckSpec, Scenario, StepSpec } from '../model/suite.ts';
import { removeAt, setAt } from '../common/body-path.ts';
import { isRequestExample, type ExampleEntry, type ExampleRequest, type State } from './catalogue.ts';

/** The specifications' sources, beside the project. */
export const SPEC_DIR = join(PROJECT_ROOT, '..', 'shared', 'spec');
const EXAMPLE_DIRS = ['gpconnect-examples', 'ers-examples'];

/**
 * Whether the published examples are beside the project (they are not in it): a clone elsewhere has none,
 * and the tests that read them say they were skipped, as lib/reference-target/ers/examples.test.ts does.
 */
export function examplesPresent(): boolean {
  const present = EXAMPLE_DIRS.every((d) => existsSync(join(SPEC_DIR, d)));
  if (!present) console.warn(`[published examples] skipped: ${SPEC_DIR} is absent (it sits beside the repo, not in it)`);
  return present;
}
/** Any absolute base: Location is synthesised under it and checked against it. */
const BASE = 'https://provider.example/fhir';

/** Every example response on disk (request examples left out), relative to SPEC_DIR. */
export function responseFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(relative(SPEC_DIR, p));
    }
  };
  for (const d of EXAMPLE_DIRS) walk(join(SPEC_DIR, d));
  return out.filter((f) => !isRequestExample(f)).sort();
}

export interface ParsedExample {
  text: string;
  json?: unknown;
  notJson?: string;
}

export function readExample(file: string): ParsedExample {
  const text = readFileSync(join(SPEC_DIR, file), 'utf8');
  try {
    return { text, json: JSON.parse(text) };
  } catch (err) {
    return { text, notJson: `invalid JSON: ${(err as Error).message}` };
  }
}

/** The error code an OperationOutcome example carries (issue.details.coding.code). */
export function outcomeCodes(json: unknown): string[] {
  const issues = (json as { resourceType?: string; issue?: Array<{ details?: { coding?: Array<{ code?: unknown }> } }> } | undefined);
  if (issues?.resourceType !== 'OperationOutcome') return [];
  return (issues.issue ?? []).flatMap((i) => i.details?.coding ?? []).map((c) => String(c.code));
}

// Short name of a check, the same for the same check in any step (the README list keys on it): each kind's record says it.
export { checkLabel };

/** Why a check cannot be judged on a bare example body, or undefined when it can. */
export function skipReason(spec: CheckSpec, sent: Set<string>): string | undefined {
  // A kind that a bare body cannot judge says so in its record.
  const skip = exampleSkip(spec);
  if (skip) return skip;
  // Expected values only: where the check was written (pos) may quote ${...} from elsewhere on its line.
  if (JSON.stringify(spec, (key, value: unknown) => (key === 'pos' ? undefined : value)).includes('${')) return 'compares with a run value (${...})';
  if (spec.kind === 'fhirpath') {
    if (referencedVariables(spec.assertion.expression).length > 0) return 'compares with a run value (%variable)';
    // A literal the step itself sent (a description, a comment) is an echo of that run's request.
    const literals = [...spec.assertion.expression.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!);
    if (literals.some((l) => sent.has(l))) return "echoes a value the step's request sent";
  }
  return undefined;
}

/** The errors an outcome check accepts: its own code and its alternatives. */
function alternativesOf(spec: Extract<CheckSpec, { kind: 'outcome' }>): OutcomeAlternative[] {
  return [{ ...(spec.code ? { code: spec.code } : {}), ...(spec.status ? { status: spec.status } : {}) }, ...(spec.alternatives ?? [])];
}

/** The status an accepted error has in this step: its own, or the pack's pairing. */
function statusOf(alt: OutcomeAlternative, pack: PackDef): number | undefined {
  return alt.status?.[0] ?? (alt.code ? pack.operationOutcome?.codes[alt.code]?.status : undefined);
}

/** The status a step expects its response to have. */
export function expectedStatus(step: StepSpec, pack: PackDef): number | undefined {
  for (const c of step.checks) if (c.kind === 'status') return c.expected[0];
  for (const c of step.checks) if (c.kind === 'outcome') return statusOf(alternativesOf(c)[0]!, pack);
  return undefined;
}

const shape = (v: unknown): string => String(v).replace(/\$\{[^}]*\}/g, '{x}');

/** The service a search names, as the examples tell them apart: one without slots, one with, or another (an error case). */
function serviceClass(value: string): 'none' | 'some' | 'other' {
  if (/noSlotsService|^\{none\}$/.test(value)) return 'none';
  if (/directlyBookableService|namedClinicianService|^\$\{service\}$|^\{x\}$/.test(value)) return 'some';
  return 'other';
}

/** The step sends the example's search: the same parameters, with the same literal values. */
function queryAgrees(step: StepSpec, want: Array<[string, string]>): boolean {
  const ers = want.some(([n]) => n === 'schedule.actor:HealthcareService');
  const norm = (q: Array<[string, string]>) =>
    q
      // e-RS answers with the Schedules whether or not _include=Slot:schedule was sent (ers.md A.1, A.2).
      .filter(([k, v]) => !(ers && k === '_include' && v === 'Slot:schedule'))
      .map(([k, v]) => `${k}=${k === 'schedule.actor:HealthcareService' ? serviceClass(v) : shape(v)}`)
      .sort()
      .join('&');
  return norm(step.request.query.map(([k, v]) => [k, String(v)])) === norm(want);
}

/** What a write step does to the resource it addresses, when the response it expects is a success. */
function writeState(step: StepSpec, pack: PackDef): State | undefined {
  const status = expectedStatus(step, pack);
  if (status === undefined || status < 200 || status > 299) return undefined;
  if (step.request.method === 'PUT' && /cancel:appointment/.test(step.request.interaction ?? '')) return 'cancelled';
  if (step.request.method === 'PUT') return 'booked';
  if (step.request.method !== 'POST' || !/Appointment$|\$ers\.bookdirect$/.test(shape(step.request.path))) return undefined;
  const body = effectiveBody(step);
  const st = body && typeof body === 'object' ? (body as { status?: unknown }).status : undefined;
  if (/\$ers\.bookdirect$/.test(shape(step.request.path))) return 'booked';
  return st === 'proposed' ? 'deferred' : st === 'booked' ? 'booked' : undefined;
}

/** The state a read step finds. A path or binding that names a fixture or takes a fresh one reads that resource
 *  as the fixture is; otherwise the resource is as the scenario's last accepted write left it, or as the earlier
 *  read that captured it found it. */
function readState(scenario: Scenario, index: number, packs: Map<string, PackDef>): State | undefined {
  const step = scenario.steps[index]!;
  const named = [String(step.request.path), ...step.bind.map(([, v]) => String(v))].join(' ');
  if (/\$\{(take:|fixture\.)/.test(named)) {
    if (/nbookedUbrns/.test(named)) return 'unbooked';
    if (/fixture\.bookedUbrn/.test(named)) return 'booked';
    if (/fixture\.deferredUbrn/.test(named)) return 'deferred';
    return undefined;
  }
  for (let i = index - 1; i >= 0; i--) {
    const prev = scenario.steps[i]!;
    if (prev.request.method !== 'GET') {
      const s = writeState(prev, packs.get(prev.request.pack ?? scenario.packs[0]!)!);
      if (s) return s;
      continue;
    }
    if (prev.captures.some((c) => named.includes(`\${${c.name}.`) || named.includes(`\${${c.name}}`))) return readState(scenario, i, packs);
  }
  return undefined;
}

/** The body a write step sends: its fixture with its own changes, placeholders left as written. null: the body is a
 *  captured resource ("${appointment}"), known only at run time; undefined: the changes do not fit the fixture. */
function effectiveBody(step: StepSpec): unknown {
  const b = step.request.body;
  if (b.kind !== 'json' || typeof b.value !== 'object' || b.value === null) return null;
  const body = structuredClone(b.value);
  for (const p of b.patch) {
    try {
      if (p.op === 'set') setAt(body, p.path, structuredClone(p.value));
      else removeAt(body, p.path);
    } catch {
      return undefined;
    }
  }
  return body;
}

/** Placeholders that generate data (text, numbers, times), as opposed to naming a fixture or a captured value. */
const GENERATED = /\$\{(fake:|repeat:|uuid|nhsNumber|now|date|dateTime|epoch)/;

/** Top-level fields the fingerprint reads, by the name it gives them. */
const FINGERPRINTED: Record<string, string> = { status: 'status', reason: 'reason', slot: 'slots', comment: 'comment', participant: 'participants' };

/** The parts of a write's body that decide what kind of answer it gets. */
function fingerprint(body: unknown, ers: boolean): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const reason = JSON.stringify(((b['reason'] as Array<{ coding?: Array<{ code?: unknown }> }>) ?? []).flatMap((r) => r.coding ?? []).map((c) => shape(c.code)));
  return {
    status: b['status'],
    reason,
    slots: Array.isArray(b['slot']) ? b['slot'].length : 0,
    comment: b['comment'] !== undefined,
    // A participant whose identifier value is null names no one (the legacy book example's 'no clinician').
    ...(ers ? { participants: ((b['participant'] as Array<{ actor?: { identifier?: { value?: unknown } } }>) ?? []).filter((p) => p.actor?.identifier?.value !== null).length } : {}),
  };
}

/** A write step applies when it sends the published request's kind of body: the same status, reason, slots, comment
 *  (and e-RS participants), and it varies no field with generated data (its checks would be about that data). */
function bodyAgrees(step: StepSpec, example: unknown, ers: boolean): boolean {
  const b = step.request.body;
  if (b.kind !== 'json') return false;
  if (b.patch.some((p) => p.op === 'set' && GENERATED.test(JSON.stringify(p.value)))) return false;
  const body = effectiveBody(step);
  if (body === undefined) return false;
  if (body === null) {
    // A change to a captured resource (amend, cancel): compare only the fields the step changes.
    const theirs = fingerprint(example, ers);
    for (const p of b.patch) {
      const key = FINGERPRINTED[p.path];
      if (!key) continue;
      const mine = fingerprint(p.op === 'set' ? { [p.path]: p.value } : {}, ers);
      if (JSON.stringify(mine[key]) !== JSON.stringify(theirs[key])) return false;
    }
    return true;
  }
  return JSON.stringify(fingerprint(body, ers)) === JSON.stringify(fingerprint(example, ers));
}

/** Free text a step's changes to its body write (a description, a comment, a reason), so checks that only find it
 *  again are not judged on an example. Codes (no spaces) stay: a check that the status became 'cancelled' is a rule. */
function sentLiterals(step: StepSpec): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (!v.includes('${') && /\s/.test(v)) out.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  if (step.request.body.kind === 'json') step.request.body.patch.forEach((p) => p.op === 'set' && walk(p.value));
  return out;
}

export interface Applicable {
  scenario: Scenario;
  step: StepSpec;
  pack: PackDef;
  status: number;
  /** Loser checks of a race: the step's checks for the responses that lost. */
  checks: CheckSpec[];
  sent: Set<string>;
}

/** The steps of the example's packs that expect the kind of response the example is. */
export function applicableSteps(entry: ExampleEntry, parsed: ParsedExample, ws: Workspace): Applicable[] {
  const out: Applicable[] = [];
  const codes = outcomeCodes(parsed.json);
  const requestBody = entry.request?.body ? readExample(entry.request.body).json : undefined;
  for (const suite of ws.suites) {
    for (const scenario of suite.scenarios) {
      scenario.steps.forEach((step, index) => {
        const packId = step.request.pack ?? suite.pack;
        if (!entry.packs.includes(packId)) return;
        const pack = ws.packs.get(packId)!;
        // Literals this step or an earlier one sent: a check that finds them again echoes this run's requests.
        const sent = new Set(scenario.steps.slice(0, index + 1).flatMap((s) => [...sentLiterals(s)]));
        if (entry.request) {
          const status = expectedStatus(step, pack);
          if (status !== entry.request.status || !matchesRequest(entry.request, step, scenario, index, ws, requestBody, packId)) return;
          out.push({ scenario, step, pack, status, checks: step.checks, sent });
          return;
        }
        // An error example: the steps (and race losers) that expect its code, by outcome or by name in FHIRPath.
        const expects = (checks: CheckSpec[]) =>
          checks.some((c) => (c.kind === 'outcome' && alternativesOf(c).some((a) => a.code !== undefined && codes.includes(a.code))) || (c.kind === 'fhirpath' && codes.some((code) => c.assertion.expression.includes(`code = '${code}'`))));
        if (expects(step.checks)) out.push({ scenario, step, pack, status: errorStatus(step.checks, pack, codes) ?? 0, checks: step.checks, sent });
        if (expects(step.loserChecks)) out.push({ scenario, step, pack, status: errorStatus(step.loserChecks, pack, codes) ?? 0, checks: step.loserChecks, sent });
      });
    }
  }
  return out;
}

/** The status the step allows for the example's error: the one its outcome check pairs with that code, else its status check's. */
function errorStatus(checks: CheckSpec[], pack: PackDef, codes: string[]): number | undefined {
  for (const c of checks) {
    if (c.kind !== 'outcome') continue;
    const alt = alternativesOf(c).find((a) => a.code !== undefined && codes.includes(a.code));
    if (alt) return statusOf(alt, pack);
  }
  for (const c of checks) if (c.kind === 'status') return c.expected[0];
  return undefined;
}

function matchesRequest(want: ExampleRequest, step: StepSpec, scenario: Scenario, index: number, ws: Workspace, requestBody: unknown, packId: string): boolean {
  if (step.request.method !== want.method) return false;
  if (!want.path.test(shape(step.request.path).replace(/^\{x\}\/\.\.\/STU3\/v1/, ''))) return false;
  if (want.interaction && step.request.interaction !== want.interaction) return false;
  if (step.checks.some((c) => c.kind === 'body' && c.expected === 'empty')) return false;
  if (want.query && !queryAgrees(step, want.query)) return false;
  if (!want.query && step.request.query.length > 0 && want.method === 'GET') return false;
  if (want.body && !bodyAgrees(step, requestBody, packId.startsWith('ers'))) return false;
  if (want.names && !want.names.test([...step.request.query.map(([, v]) => String(v)), ...step.bind.map(([, v]) => String(v))].join(' '))) return false;
  if (want.after && readState(scenario, index, ws.packs) !== want.after) return false;
  return true;
}

/** A response as the step would have received it: the example body with the status the step expects and
 *  headers consistent with the body (synthesised: the examples are bodies only). */
export function syntheticInput(parsed: ParsedExample, status: number, pack: PackDef, ws: Workspace): CheckInput {
  const headers: Record<string, string> = { 'content-type': 'application/fhir+json; charset=utf-8' };
  const body = parsed.json as { resourceType?: string; id?: string; meta?: { versionId?: string; lastUpdated?: string } } | undefined;
  const vid = body?.meta?.versionId;
  if (typeof vid === 'string' && vid !== '') headers['etag'] = `W/"${vid}"`;
  if (body?.resourceType && typeof body.id === 'string') headers['location'] = vid ? `${BASE}/${body.resourceType}/${body.id}/_history/${vid}` : `${BASE}/${body.resourceType}/${body.id}`;
  const updated = body?.meta?.lastUpdated ? new Date(body.meta.lastUpdated) : undefined;
  if (updated && !Number.isNaN(updated.getTime())) headers['last-modified'] = new Date(Math.floor(updated.getTime() / 1000) * 1000).toUTCString();
  // No meta.lastUpdated to link to: any HTTP-date is consistent with the body.
  else if (!body?.meta?.lastUpdated) headers['last-modified'] = 'Mon, 01 Jan 2024 00:00:00 GMT';
  return {
    response: { status, headers, body: parsed.text, bodyBytes: Buffer.byteLength(parsed.text, 'utf8'), durationMs: 0 },
    json: parsed.json,
    ...(parsed.notJson ? { notJson: parsed.notJson } : {}),
    base: BASE,
    pack,
    profiles: ws.profiles,
    vars: {},
    render: (v) => String(v),
  };
}

export interface Judged {
  scenario: string;
  step: string;
  check: string;
  verdict: Verdict;
}

export interface Replay {
  file: string;
  /** The body's resourceType ('not JSON' when it does not parse) and, for an OperationOutcome, its codes. */
  resourceType: string;
  codes: string[];
  steps: number;
  judged: Judged[];
  skipped: Record<string, number>;
}

/** `parsed` defaults to the example file; tests pass a changed copy to show the replay can fail. */
export function replayExample(entry: ExampleEntry, ws: Workspace, parsed: ParsedExample = readExample(entry.file)): Replay {
  const judged: Judged[] = [];
  const skipped: Record<string, number> = {};
  const steps = applicableSteps(entry, parsed, ws);
  for (const a of steps) {
    const input = syntheticInput(parsed, a.status, a.pack, ws);
    for (const spec of a.checks) {
      const why = skipReason(spec, a.sent);
      if (why) {
        skipped[why] = (skipped[why] ?? 0) + 1;
        continue;
      }
      let verdict: Verdict;
      try {
        verdict = runCheck(spec, input);
      } catch (err) {
        // A check that cannot evaluate on this body is not a pass: it shows up as a failing pair.
        if (!(err instanceof CheckToolError)) throw err;
        verdict = { outcome: 'fail', expected: 'a verdict', actual: null, message: `errored: ${err.message}` };
      }
      judged.push({ scenario: a.scenario.id, step: a.step.name, check: checkLabel(spec), verdict });
    }
  }
  const resourceType = parsed.notJson ? 'not JSON' : String((parsed.json as { resourceType?: unknown } | undefined)?.resourceType);
  return { file: entry.file, resourceType, codes: outcomeCodes(parsed.json), steps: steps.length, judged, skipped };
}
