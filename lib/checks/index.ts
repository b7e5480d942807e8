// What the runner and the examples replay use: a spec is judged by its kind's record, so neither needs
// to know any kind's rules. The kinds themselves are listed in registry.ts.

import type { CheckSpec } from '../model/suite.ts';
import { checkDef } from './registry.ts';
import { CheckToolError, type CheckInput, type Verdict } from './types.ts';

export function runCheck(spec: CheckSpec, input: CheckInput): Verdict {
  try {
    return checkDef(spec.kind).judge(spec as never, input);
  } catch (err) {
    // A bug in a check or a suite must not look like the target's fault.
    if (err instanceof CheckToolError) throw err;
    throw new CheckToolError(`check '${spec.kind}' crashed: ${(err as Error).stack ?? String(err)}`);
  }
}

/** Short name of a check, the same for the same check in any step. */
export function checkLabel(spec: CheckSpec): string {
  return checkDef(spec.kind).label?.(spec as never) ?? spec.kind;
}

/** Judges the step's responses together (a race's statuses): not run per loser, nor with a redirect note. */
export function judgesWholeRace(spec: CheckSpec): boolean {
  return checkDef(spec.kind).race === true;
}

/** Why a published example body alone cannot judge this check, if it cannot. */
export function exampleSkip(spec: CheckSpec): string | undefined {
  return checkDef(spec.kind).exampleSkip;
}

export { CHECKS, checkDef, type RawChecks } from './registry.ts';
export { CheckToolError, type CheckInput, type ExpectAt, type Verdict } from './types.ts';
export { checkStatusCounts } from './statuses.ts';
export type { HeaderRule } from './headers.ts';
export type { FhirPathAssertion } from './fhirpath.ts';
export type { OutcomeAlternative } from './outcome.ts';
