import type { HttpResponse } from '../http/client.ts';
import type { PackDef } from '../model/pack.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import type { CheckSpec } from '../model/suite.ts';

/** What every check sees: one response, its body parsed once, and the context to judge it. */
export interface CheckInput {
  response: HttpResponse;
  /** The parsed body, when it is JSON. */
  json: unknown;
  /** Why the body is not JSON (empty, HTML, ...), when it is not. */
  notJson?: string;
  /** Absolute base URL of the pack the request went to. */
  base: string;
  pack: PackDef;
  profiles: ProfileRegistry;
  /** Captured values, as FHIRPath %variables. */
  vars: Record<string, unknown>;
  /** Interpolates a template in the step's scope (header values to compare). */
  render(value: unknown): string;
}

export interface Verdict {
  passed: boolean;
  expected: unknown;
  actual: unknown;
  message: string;
}

export type CheckFn<K extends CheckSpec['kind']> = (spec: Extract<CheckSpec, { kind: K }>, input: CheckInput) => Verdict;

export function pass(expected: unknown, actual: unknown, message: string): Verdict {
  return { passed: true, expected, actual, message };
}

export function fail(expected: unknown, actual: unknown, message: string): Verdict {
  return { passed: false, expected, actual, message };
}

/** The body as a JSON object, or a failed verdict saying why the check cannot look inside it. */
export function bodyObject(input: CheckInput, what: string): Record<string, unknown> | Verdict {
  if (input.json !== null && typeof input.json === 'object' && !Array.isArray(input.json)) return input.json as Record<string, unknown>;
  return fail('a JSON resource', input.notJson ?? typeof input.json, `Cannot check ${what}: the response body is not a JSON resource (${input.notJson ?? 'not an object'})`);
}

export function isVerdict(x: unknown): x is Verdict {
  return typeof x === 'object' && x !== null && 'passed' in x && 'message' in x && 'expected' in x;
}

export function versionIdOf(body: Record<string, unknown>): string | undefined {
  const v = (body['meta'] as Record<string, unknown> | undefined)?.['versionId'];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The check itself could not run (a suite or tool fault, not the target's): the step is errored. */
export class CheckToolError extends Error {}
