// Errors as seed 001 answers them. The GP Connect core throws GpcErrors with the GP Connect status; this pack
// answers some of them with the status the API Hub page gives instead (a slot no longer free and a body that
// fails the profile are 422; no valid JWT is 403). The body is a GPConnect-OperationOutcome-1 with a Spine
// code (decisions.md: the API Hub interactions are GP Connect's and keep its error structure).
import type { RefResponse } from '../types.ts';
import { operationOutcomeOf } from '../shared/fhir.ts';
import { ERROR_CODES, GpcError, OPERATION_OUTCOME_PROFILE, SPINE_ERROR_SYSTEM, type SpineCode } from '../gpconnect/outcome.ts';
import { finish } from '../gpconnect/reply.ts';
import type { ApiHubEnv } from './context.ts';
import type { RouteName } from './routes.ts';

/** The Spine code for a refused identity; GP Connect's table has no row for it, the Spine code system does. */
const ACCESS_DENIED = { status: 403, issueCode: 'forbidden', display: 'Access denied' } as const;

type OutcomeCode = SpineCode | 'ACCESS_DENIED';

/** No valid JWT, or one that failed validation (seed 001, failure: 403 Forbidden). */
export class IdentityError extends Error {}

interface Refusal {
  status: number;
  code: OutcomeCode;
  diagnostics: string;
}

/** The status this pack gives a GP Connect error on this route. */
function apiHubStatus(error: GpcError, route: RouteName | undefined, env: ApiHubEnv): number {
  if (route === 'book-appointment' && error.code === 'DUPLICATE_REJECTED') return env.fault('apihub-taken-slot-409') ? 409 : 422;
  if (route === 'book-appointment' && error.code === 'INVALID_RESOURCE') return env.fault('apihub-profile-failure-400') ? 400 : 422;
  // Liberty: FHIR lets a version mismatch be 412 as well as 409.
  if (error.code === 'FHIR_CONSTRAINT_VIOLATION' && env.liberty('apihub-stale-if-match-412')) return 412;
  return error.status;
}

function refusalOf(error: unknown, route: RouteName | undefined, env: ApiHubEnv): Refusal {
  if (error instanceof IdentityError) {
    return { status: env.fault('apihub-bad-jwt-401') ? 401 : ACCESS_DENIED.status, code: 'ACCESS_DENIED', diagnostics: error.message };
  }
  if (error instanceof GpcError) {
    // The faulty provider hands a body it cannot parse straight to its JSON library, which throws.
    const unparsed = error.code === 'BAD_REQUEST' && /not valid JSON/.test(error.message) && env.fault('apihub-invalid-json-500');
    if (unparsed) return { status: 500, code: 'INTERNAL_SERVER_ERROR', diagnostics: `SyntaxError: ${error.message}` };
    return { status: apiHubStatus(error, route, env), code: error.code, diagnostics: error.message };
  }
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', diagnostics: `the reference provider failed: ${error instanceof Error ? error.message : String(error)}` };
}

function outcomeBody(r: Refusal): Record<string, unknown> {
  const def = r.code === 'ACCESS_DENIED' ? ACCESS_DENIED : ERROR_CODES[r.code];
  return operationOutcomeOf(
    [{ severity: 'error', code: def.issueCode, coding: { system: SPINE_ERROR_SYSTEM, code: r.code, display: def.display }, diagnostics: r.diagnostics }],
    OPERATION_OUTCOME_PROFILE,
  );
}

/** Any failure of a request as its response: status, OperationOutcome, and the headers every answer carries. */
export function errorResponse(error: unknown, route: RouteName | undefined, env: ApiHubEnv): RefResponse {
  const refusal = refusalOf(error, route, env);
  const withoutBody = refusal.status >= 400 && refusal.status < 500 && env.fault('apihub-no-outcome-on-4xx');
  return finish({ status: refusal.status, ...(withoutBody ? {} : { body: outcomeBody(refusal) }) }, env.core);
}
