// Spine errors: anything a request gets wrong is thrown as a GpcError and answered as a GPConnect-OperationOutcome-1.
import type { JsonObject } from '../../common/json.ts';
import { operationOutcomeOf, type OutcomeIssue } from '../shared/fhir.ts';
import type { GpcContext } from './context.ts';

export const SPINE_ERROR_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1';
/** The value set URL every error example of the 1.2.9 error page codes its details with. */
export const SPINE_ERROR_VALUE_SET = 'https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1';
/** The system GP Connect's DSTU2 releases used; providers carried over from them still send it. */
export const LEGACY_ERROR_SYSTEM = 'http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1';
export const OPERATION_OUTCOME_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1';

interface ErrorCodeDef {
  status: number;
  issueCode: string;
  display: string;
}

// The Spine error codes a GP Connect provider answers with: HTTP status, FHIR issue type and display (1.6.2 wording).
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, issueCode: 'invalid', display: 'Submitted request is malformed/invalid' },
  INVALID_IDENTIFIER_SYSTEM: { status: 400, issueCode: 'value', display: 'Invalid identifier system' },
  INVALID_IDENTIFIER_VALUE: { status: 400, issueCode: 'value', display: 'Invalid identifier value' },
  INVALID_NHS_NUMBER: { status: 400, issueCode: 'value', display: 'Invalid NHS number' },
  INVALID_PATIENT_DEMOGRAPHICS: { status: 400, issueCode: 'business-rule', display: 'Invalid patient demographics' },
  ORGANISATION_NOT_FOUND: { status: 404, issueCode: 'not-found', display: 'Organisation not found' },
  PATIENT_NOT_FOUND: { status: 404, issueCode: 'not-found', display: 'Patient not found' },
  PRACTITIONER_NOT_FOUND: { status: 404, issueCode: 'not-found', display: 'Practitioner not found' },
  NO_RECORD_FOUND: { status: 404, issueCode: 'not-found', display: 'No record found' },
  DUPLICATE_REJECTED: { status: 409, issueCode: 'duplicate', display: 'Create would lead to creation of a duplicate resource' },
  // Not in the spec's table: national assurance asserts it for an If-Match version mismatch.
  FHIR_CONSTRAINT_VIOLATION: { status: 409, issueCode: 'conflict', display: 'FHIR constraint violation' },
  INVALID_RESOURCE: { status: 422, issueCode: 'invalid', display: 'Invalid validation of resource' },
  INVALID_PARAMETER: { status: 422, issueCode: 'invalid', display: 'Invalid parameter' },
  REFERENCE_NOT_FOUND: { status: 422, issueCode: 'invalid', display: 'Reference not found' },
  INTERNAL_SERVER_ERROR: { status: 500, issueCode: 'processing', display: 'Unexpected internal server error' },
  NOT_IMPLEMENTED: { status: 501, issueCode: 'not-supported', display: 'Not implemented' },
} as const satisfies Record<string, ErrorCodeDef>;

export type SpineCode = keyof typeof ERROR_CODES;

/** Thrown anywhere in a request; the pipeline turns it into an OperationOutcome response. */
export class GpcError extends Error {
  readonly code: SpineCode;
  readonly status: number;

  constructor(code: SpineCode, diagnostics: string, status: number = ERROR_CODES[code].status) {
    super(diagnostics);
    this.code = code;
    this.status = status;
  }
}

export const badRequest = (why: string): GpcError => new GpcError('BAD_REQUEST', why);
export const invalidResource = (why: string): GpcError => new GpcError('INVALID_RESOURCE', why);
export const invalidParameter = (why: string): GpcError => new GpcError('INVALID_PARAMETER', why);

export function operationOutcome(code: SpineCode, diagnostics: string, ctx: GpcContext): JsonObject {
  const def = ERROR_CODES[code];
  // Liberty: the error page's 500 example sends issue type exception where the table says processing.
  const issueCode = code === 'INTERNAL_SERVER_ERROR' && ctx.liberty('gpc-500-exception') ? 'exception' : def.issueCode;
  const spine = ctx.liberty('gpc-error-system-valueset') ? SPINE_ERROR_VALUE_SET : SPINE_ERROR_SYSTEM;
  const system = ctx.fault('gpc-wrong-error-system') ? LEGACY_ERROR_SYSTEM : spine;
  const issue: OutcomeIssue = {
    severity: 'error',
    code: issueCode,
    ...(ctx.fault('gpc-outcome-without-details') ? {} : { coding: { system, code, display: def.display } }),
    // Liberty: diagnostics is only SHOULD below 422 (MUST for the 422 codes and 500).
    ...(def.status >= 422 || !ctx.liberty('gpc-no-diagnostics-below-422') ? { diagnostics } : {}),
  };
  return operationOutcomeOf([issue], ctx.fault('gpc-outcome-no-profile') ? undefined : OPERATION_OUTCOME_PROFILE);
}
