// The validated, in-memory form of suite files. The loader builds these from YAML and
// guarantees their invariants (FHIRPath compiled, captures defined, fixtures found),
// so the runner can trust them without re-checking.

import type { CompiledPath } from './fhir.ts';

export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** Where a thing was written, for error messages and reports. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
  /** The source line itself, kept for checks and captures so a failure can show it with a caret. */
  text?: string;
}

/** A string that may contain `${...}` placeholders, or any JSON value containing such strings. */
export type Template = unknown;

/** Changes applied to a body in order: the valid request's own, then a mutation row's. Paths: lib/common/body-path.ts */
export type BodyPatch = Array<{ op: 'set'; path: string; value: Template } | { op: 'remove'; path: string }>;

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; value: Template; patch: BodyPatch; fixture?: string }
  | { kind: 'raw'; text: Template; contentType?: string };

export interface JwtPatch {
  /** Send no Authorization header at all. */
  omit: boolean;
  /** Send this exact token instead of building one. */
  raw?: Template;
  remove: string[];
  set: Array<[string, Template]>;
  /** Override the JOSE header (e.g. alg). */
  header?: Record<string, Template>;
}

export interface RequestSpec {
  method: string;
  /** Path below the pack base ('/Appointment'), or an absolute URL. */
  path: Template;
  /** Run this request against another pack's base (cross-pack flows). */
  pack?: string;
  query: Array<[string, Template]>;
  /** Header name → value; null removes a header that auth or defaults would add. */
  headers: Array<[string, Template | null]>;
  interaction?: string;
  body: RequestBody;
  jwt?: JwtPatch;
}

/** Where a check or capture was written: carried into its result. */
export interface Positioned {
  pos?: SourcePos;
}

/**
 * Every check kind's spec, by kind. Empty here: each lib/checks/<kind>.ts adds its own entry (module
 * augmentation), so a kind is defined in one place although model/ sits below checks/ and cannot import it.
 * lib/checks/registry.ts fails to compile when this and the registered records disagree.
 */
export interface CheckSpecs {}

export type CheckSpec = CheckSpecs[keyof CheckSpecs];

export type CheckKind = CheckSpec['kind'];

export type CaptureSpec = Positioned &
  (
  | { kind: 'fhirpath'; name: string; expression: string; compiled: CompiledPath; pick: 'first' | 'random' | 'all'; orSkip?: string }
  | { kind: 'header'; name: string; header: string }
  );

/** FHIRPath over the values captured so far (not over a response): a step's `compute:` and `when:`. */
export interface VarsExpression extends Positioned {
  expression: string;
  compiled: CompiledPath;
}

export interface ComputeSpec extends VarsExpression {
  name: string;
  /** all: bind the whole result, a list that may be empty (a value the target may lawfully lack); else its first item. */
  pick: 'first' | 'all';
  /** When the expression finds nothing, skip the scenario with this reason instead of failing it. */
  orSkip?: string;
}

export interface StepSpec {
  name: string;
  pos: SourcePos;
  request: RequestSpec;
  /** Send N identical requests at once (a race). */
  race?: number;
  /** This step's own time limit per request, instead of the target's timeoutMs. */
  timeoutMs?: number;
  /** The clause that leaves this answer's body free: its checks are about status and headers only. */
  bodyNotSpecified?: string;
  checks: CheckSpec[];
  /** For races: checks applied to every response that did not win (non-2xx). */
  loserChecks: CheckSpec[];
  captures: CaptureSpec[];
  /** The shared step this came from, for reports. */
  from?: string;
  /** Shared-step params bound (in the caller's scope) before this step runs. */
  bind: Array<[string, Template]>;
  /**
   * Values worked out from earlier captures, bound after `bind` and before the request (e.g. the
   * earliest slot across a federation's answers). Nothing found is the target's failure.
   */
  compute: ComputeSpec[];
  /** The step runs only when this is true; otherwise it is left out and its captures are empty lists. */
  when?: VarsExpression;
  /**
   * Run the step once per item of a list (e.g. every practice of a federation), the item bound as
   * `as`. Each capture then holds one `{ item, value }` per item.
   */
  each?: { items: Template; as: string; pos: SourcePos };
}

export interface Scenario {
  id: string;
  title: string;
  level: Level;
  requirement: string;
  /** The spec clause checked, e.g. 'gpconnect-1.2 book B.1: Location header'. */
  source: string;
  tags: string[];
  pos: SourcePos;
  steps: StepSpec[];
  /** Spec packs this scenario's steps address (its suite's pack and any step override). */
  packs: string[];
  /** True when a step creates or changes data (POST/PUT/PATCH/DELETE). */
  writes: boolean;
  /** Fixtures referenced through ${fixture.X} / ${take:X}, with where, so a target lacking one is a positioned error. */
  fixtureRefs: Array<{ key: string; pos: SourcePos; take: boolean }>;
}

export interface Suite {
  file: string;
  name: string;
  pack: string;
  title: string;
  scenarios: Scenario[];
}
