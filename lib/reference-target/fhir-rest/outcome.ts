// Errors as base FHIR answers them: the HTTP status and an OperationOutcome with one issue of severity
// error and its IssueType. No national vocabulary: this is a plain FHIR server.
import type { Reply } from '../types.ts';
import { operationOutcomeOf } from '../shared/fhir.ts';

export class FhirError extends Error {
  constructor(
    readonly status: number,
    /** FHIR IssueType: invalid, structure, not-found, conflict, not-supported, duplicate, processing... */
    readonly issue: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorReply(err: FhirError): Reply {
  return { status: err.status, headers: err.headers, body: operationOutcomeOf([{ severity: 'error', code: err.issue, diagnostics: err.message }]) };
}
