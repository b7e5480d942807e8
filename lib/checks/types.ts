import type { PathSegment } from '../diagnostics/input-error.ts';
import type { HttpResponse } from '../http/client.ts';
import type { CompiledPath } from '../model/fhir.ts';
import type { PackDef } from '../model/pack.ts';
import type { Verdict } from '../model/result.ts';
import type { Positioned, SourcePos } from '../model/suite.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';

/** What every check sees: one response, its body parsed once, and the context to judge it. */
export interface CheckInput {
  response: HttpResponse;
  /** The parsed body, when it is JSON. */
  json: unknown;
  /** Why the body is not JSON (empty, HTML, ...), when it is not. */
  notJson?: string;
  /** Every status the step received (N for a race), for a check that judges them together; default: this response's alone. */
  statuses?: readonly number[];
  /** Absolute base URL of the pack the request went to. */
  base: string;
  pack: PackDef;
  profiles: ProfileRegistry;
  /** Captured values, as FHIRPath %variables. */
  vars: Record<string, unknown>;
  /** Interpolates a template in the step's scope (header values to compare). */
  render(value: unknown): string;
}

export type { Verdict };

/**
 * What a check's convert sees: where its `expect:` value was written and the loader services it needs.
 * Paths are below the check's own key, so a record never needs to know where its step sits in the file.
 */
export interface ExpectAt {
  /** The pack the step's request addresses (its error codes, its FHIR version). */
  pack: PackDef;
  profiles: ProfileRegistry;
  /** Where the value at this path below the key was written, for a spec's pos. */
  pos(...below: PathSegment[]): SourcePos;
  /** A positioned load error at this path below the key. */
  error(below: PathSegment[], message: string): void;
  /** Compiles FHIRPath written at this path below the key, in the pack's FHIR version; a syntax error is recorded (and compiles to an empty result). */
  fhirpath(expression: string, below: PathSegment[]): CompiledPath;
}

export type JsonSchema = Record<string, unknown>;

/**
 * One check kind, whole: its `expect:` key and schema, how a YAML value becomes specs, how a spec is judged.
 * Raw is the schema-validated YAML value under the key; Spec the in-memory check (CheckSpec is the union of them).
 */
export interface CheckDef<Kind extends string, Key extends string, Raw, Spec extends { kind: Kind } & Positioned> {
  kind: Kind;
  /** The key under `expect:` in suite YAML. */
  yamlKey: Key;
  /** JSON-schema fragment for that key; suites/suite.schema.json carries the same (schema.test.ts holds them equal). */
  schema: JsonSchema;
  /** Named schemas the fragment refers to (#/definitions/<name>), owned by this kind. */
  definitions?: Record<string, JsonSchema>;
  /** One validated YAML value → its checks (a key may write several: one per header, one per expression). */
  convert(raw: Raw, at: ExpectAt): Spec | Spec[];
  judge(spec: Spec, input: CheckInput): Verdict;
  /** Short name of a check, the same for the same check in any step (reports and the examples README key on it); default: the kind. */
  label?(spec: Spec): string;
  /** FHIRPath in the raw value, with its path below the key, so the loader can check the %variables it reads were captured. */
  expressions?(raw: Raw): Array<{ expression: string; below: PathSegment[] }>;
  /** Judges the step's responses together (a race's statuses), not one response: race steps only, never per loser. */
  race?: true;
  /** Why a published example body alone cannot judge this kind: the examples replay skips it. */
  exampleSkip?: string;
}

/** Types a record (the literals of kind and yamlKey are kept, so CheckSpec stays a discriminated union). */
export function defineCheck<const Kind extends string, const Key extends string, Raw, Spec extends { kind: Kind } & Positioned>(
  def: CheckDef<Kind, Key, Raw, Spec>,
): CheckDef<Kind, Key, Raw, Spec> {
  return def;
}

export function pass(expected: unknown, actual: unknown, message: string): Verdict {
  return { outcome: 'pass', expected, actual, message };
}

export function fail(expected: unknown, actual: unknown, message: string): Verdict {
  return { outcome: 'fail', expected, actual, message };
}

/** The body as a JSON object, or a failed verdict saying why the check cannot look inside it. */
export function bodyObject(input: CheckInput, what: string): Record<string, unknown> | Verdict {
  if (input.json !== null && typeof input.json === 'object' && !Array.isArray(input.json)) return input.json as Record<string, unknown>;
  return fail('a JSON resource', input.notJson ?? typeof input.json, `Cannot check ${what}: the response body is not a JSON resource (${input.notJson ?? 'not an object'})`);
}

export function isVerdict(x: unknown): x is Verdict {
  return typeof x === 'object' && x !== null && 'outcome' in x && 'message' in x && 'expected' in x;
}

export function versionIdOf(body: Record<string, unknown>): string | undefined {
  const v = (body['meta'] as Record<string, unknown> | undefined)?.['versionId'];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The check itself could not run (a suite or tool fault, not the target's): the step is errored. */
export class CheckToolError extends Error {}
