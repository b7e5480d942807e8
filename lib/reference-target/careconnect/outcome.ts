// Errors of this provider: thrown as a CcError anywhere in a request and answered as an OperationOutcome.
// The codes are the Spine error codes GP Connect already defines (seed 002 names DUPLICATE_REJECTED from that
// family); only the statuses are this document's own (a slot no longer free is 422 here, 409 in GP Connect).
import type { JsonObject } from '../../common/json.ts';
import { ERROR_CODES, SPINE_ERROR_SYSTEM, type SpineCode } from '../gpconnect/outcome.ts';
import { operationOutcomeOf, type OutcomeIssue } from '../shared/fhir.ts';
import type { CcContext } from './context.ts';

/** The Spine codes this provider answers with, and the HTTP status seed 002 and FHIR STU3 give each here. */
const STATUS = {
  BAD_REQUEST: 400,
  INVALID_RESOURCE: 422,
  REFERENCE_NOT_FOUND: 422,
  DUPLICATE_REJECTED: 422,
  NO_RECORD_FOUND: 404,
} as const satisfies Partial<Record<SpineCode, number>>;

export type CcCode = keyof typeof STATUS;

/** The most specific FHIR IssueType for what went wrong (liberty cc-specific-issue-types uses it). */
export type Problem = 'not-json' | 'wrong-type' | 'missing' | 'bad-value' | 'bad-code' | 'no-such-reference' | 'taken' | 'no-credentials' | 'not-found';

const SPECIFIC_ISSUE: Record<Problem, string> = {
  'not-json': 'structure',
  'wrong-type': 'structure',
  missing: 'required',
  'bad-value': 'value',
  'bad-code': 'code-invalid',
  'no-such-reference': 'not-found',
  taken: 'conflict',
  'no-credentials': 'security',
  'not-found': 'not-found',
};

export class CcError extends Error {
  readonly code: CcCode;
  readonly problem: Problem;

  constructor(code: CcCode, problem: Problem, diagnostics: string) {
    super(diagnostics);
    this.code = code;
    this.problem = problem;
  }
}

/** A field of the body is missing or wrong: 422 (a profile violation), or 400 under cc-validation-as-400. */
export const invalidField = (problem: Problem, why: string): CcError => new CcError('INVALID_RESOURCE', problem, why);

export function statusOf(error: CcError, ctx: CcContext): number {
  if (error.code === 'INVALID_RESOURCE' && ctx.liberty('cc-validation-as-400')) return 400;
  if (error.code === 'DUPLICATE_REJECTED' && ctx.fault('cc-taken-slot-409')) return 409;
  return STATUS[error.code];
}

export function outcomeOf(error: CcError, ctx: CcContext): JsonObject {
  // The faulty provider reports a taken slot as a generic validation failure.
  const code: CcCode = error.code === 'DUPLICATE_REJECTED' && ctx.fault('cc-no-duplicate-code') ? 'INVALID_RESOURCE' : error.code;
  const def = ERROR_CODES[code];
  const issueCode = ctx.liberty('cc-specific-issue-types') ? SPECIFIC_ISSUE[error.problem] : def.issueCode;
  if (code === 'DUPLICATE_REJECTED' && ctx.liberty('cc-duplicate-as-text')) {
    const outcome = operationOutcomeOf([{ severity: 'error', code: issueCode, diagnostics: `DUPLICATE_REJECTED: ${error.message}` }]);
    (outcome.issue as JsonObject[])[0]!.details = { text: 'DUPLICATE_REJECTED' };
    return outcome;
  }
  const issue: OutcomeIssue = { severity: 'error', code: issueCode, coding: { system: SPINE_ERROR_SYSTEM, code, display: def.display }, diagnostics: error.message };
  return operationOutcomeOf([issue]);
}
