// One eRS-OperationOutcome-1 builder, and the OutcomeKey -> HTTP status tables of each API generation.
// The booking core only ever throws an OutcomeError; which status a key gets is decided here, per pack.

import type { JsonObject } from '../../common/json.ts';
import { operationOutcomeOf } from '../shared/fhir.ts';
import type { Reply } from '../types.ts';
import type { ErsEnv } from './env.ts';

export const OUTCOME_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1';
export const ERROR_CODE_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1';
/** The system some STU3 error documents name by mistake (used only by the ers-outcome-wrong-system fault). */
const WRONG_ERROR_CODE_SYSTEM = 'https://fhir.nhs.uk/CodeSystem/ers-error-codes';

/** issue.code (FHIR IssueType) and coding display for every key this target emits. */
const KEYS = {
  FORBIDDEN: { issue: 'forbidden', display: 'Forbidden' },
  NO_ACCESS: { issue: 'login', display: 'No access' },
  NO_RELATIONSHIP: { issue: 'forbidden', display: 'No legitimate relationship' },
  MISSING_HEADER: { issue: 'required', display: 'Missing header' },
  MISSING_PARAMETER: { issue: 'required', display: 'Missing parameter' },
  MISSING_VALUE: { issue: 'required', display: 'Missing value' },
  INVALID_VALUE: { issue: 'value', display: 'Invalid value' },
  INVALID_CODE: { issue: 'code-invalid', display: 'Invalid code' },
  UNEXPECTED_FIELD: { issue: 'value', display: 'Unexpected field' },
  INAPPROPRIATE_VALUE: { issue: 'business-rule', display: 'Inappropriate value' },
  INAPPROPRIATE_SLOT: { issue: 'business-rule', display: 'Inappropriate slot' },
  INVALID_REQUEST_STATE: { issue: 'business-rule', display: 'Invalid request state' },
  INVALID_STATE: { issue: 'business-rule', display: 'Invalid state' },
  NO_SUCH_REQUEST: { issue: 'not-found', display: 'No such request' },
  NO_SUCH_SERVICE: { issue: 'not-found', display: 'No such service' },
  REFERENCE_NOT_FOUND: { issue: 'not-found', display: 'Reference not found' },
  HISTORY_NOT_SUPPORTED: { issue: 'not-supported', display: 'History not supported' },
  PATIENT_ERROR: { issue: 'business-rule', display: 'Patient cannot be booked' },
  SERVICE_UNAVAILABLE: { issue: 'business-rule', display: 'Service unavailable' },
  SLOT_NOT_AVAILABLE: { issue: 'conflict', display: 'Slot not available' },
  SLOTS_CURRENTLY_AVAILABLE: { issue: 'business-rule', display: 'Slots currently available' },
  THIS_SLOT_IS_AVAILABLE: { issue: 'business-rule', display: 'This slot is available' },
  UNABLE_TO_CONFIRM_APPOINTMENT: { issue: 'conflict', display: 'Unable to confirm appointment' },
  VERSION_CONFLICT: { issue: 'conflict', display: 'Version conflict' },
  REFERRAL_LOCKED: { issue: 'lock-error', display: 'Referral locked' },
  PAS_NOT_RESPONDING: { issue: 'timeout', display: 'No response from PAS' },
  PAS_RESPONDED_WITH_ERROR: { issue: 'exception', display: 'Error received from PAS' },
} as const;

export type OutcomeKey = keyof typeof KEYS;

/** G0 = alpha $ers.bookdirect, G1 = legacy xAPI STU3, G2 = e-RS FHIR API on the API platform. */
export type Generation = 'G0' | 'G1' | 'G2';
export type Interaction = 'A005' | 'A015' | 'A016' | 'A038' | 'bookdirect';

export class OutcomeError extends Error {
  constructor(
    readonly key: OutcomeKey,
    readonly diagnostics: string,
    /** For gateway-style errors whose status does not follow the key (e.g. 403 NO_ACCESS for a bad ODS code). */
    readonly override: { status?: number; issueCode?: string } = {},
  ) {
    super(`${key}: ${diagnostics}`);
  }
}

export function fail(key: OutcomeKey, diagnostics: string): never {
  throw new OutcomeError(key, diagnostics);
}

// Statuses every generation shares: authentication and resources named in the path.
const COMMON: Partial<Record<OutcomeKey, number>> = {
  NO_ACCESS: 401,
  MISSING_HEADER: 400,
};

// G1 error page: a referral or appointment in the path that does not exist is a 404; a user without rights is 403.
const G1_READS: Partial<Record<OutcomeKey, number>> = {
  REFERENCE_NOT_FOUND: 404,
  NO_SUCH_REQUEST: 404,
  HISTORY_NOT_SUPPORTED: 404,
  FORBIDDEN: 403,
  NO_RELATIONSHIP: 403,
};

// G2 moves the locking, authorisation and PAS keys out of 422 into their own HTTP statuses.
const G2_SPECIFIC: Partial<Record<OutcomeKey, number>> = {
  FORBIDDEN: 403,
  VERSION_CONFLICT: 409,
  REFERRAL_LOCKED: 423,
  PAS_RESPONDED_WITH_ERROR: 502,
  PAS_NOT_RESPONDING: 504,
};

// The alpha had no status table of its own; it followed the generic legacy error page
// (403 rights, 404 unknown UBRN, 409 out-of-date version, 423 locked, 502/504 PAS).
const G0_SPECIFIC: Partial<Record<OutcomeKey, number>> = {
  FORBIDDEN: 403,
  NO_RELATIONSHIP: 403,
  NO_SUCH_REQUEST: 404,
  VERSION_CONFLICT: 409,
  REFERRAL_LOCKED: 423,
  PAS_RESPONDED_WITH_ERROR: 502,
  PAS_NOT_RESPONDING: 504,
};

export function statusFor(env: ErsEnv, gen: Generation, interaction: Interaction, key: OutcomeKey): number {
  const common = COMMON[key];
  if (common !== undefined) return common;
  if (gen === 'G0') {
    if (BODY_VALIDATION_KEYS.has(key) && env.fault('ers-bookdirect-validation-as-400')) return 400;
    // An alpha built on the A016 handler would inherit its everything-is-422 table.
    if (env.fault('ers-bookdirect-a016-status-table')) return 422;
    return G0_SPECIFIC[key] ?? 422;
  }
  if (gen === 'G1') {
    // The A016 table lists FORBIDDEN, VERSION_CONFLICT, REFERRAL_LOCKED and the PAS keys as 422 outcomes;
    // the generic error page gives them their own statuses. Both are the legacy API's word (decisions.md).
    if (interaction === 'A016') return legacyA016Status(env, key);
    if (interaction === 'A015') return key === 'FORBIDDEN' ? 403 : 422;
    // The A005 page lists NO_SUCH_REQUEST and NO_RELATIONSHIP as 422 outcomes; the error page gives 404 and 403.
    if (interaction === 'A005' && (key === 'NO_SUCH_REQUEST' || key === 'NO_RELATIONSHIP') && env.liberty('ers-a005-page-statuses')) return 422;
    return G1_READS[key] ?? 422;
  }
  if (key === 'VERSION_CONFLICT' && env.fault('ers-apim-conflict-as-422')) return 422;
  if (key === 'PAS_RESPONDED_WITH_ERROR' && env.fault('ers-apim-pas-error-as-422')) return 422;
  if (key === 'PAS_NOT_RESPONDING' && env.fault('ers-apim-pas-timeout-as-422')) return 422;
  if (key === 'REFERRAL_LOCKED' && env.fault('ers-apim-locked-as-422')) return 422;
  if (key === 'FORBIDDEN' && env.fault('ers-apim-forbidden-as-business-error')) return interaction === 'A015' ? 400 : 422;
  const specific = G2_SPECIFIC[key];
  if (specific !== undefined) return specific;
  // G2 reports slot-search business errors as Bad Request
  if (interaction === 'A015') return env.fault('ers-apim-slot-search-errors-as-422') ? 422 : 400;
  if (interaction === 'A005' || interaction === 'A038') return G1_READS[key] ?? 422;
  if (G2_CONFLICT_LIKE_KEYS.has(key) && env.fault('ers-apim-business-rule-as-409')) return 409;
  if (BODY_VALIDATION_KEYS.has(key) && env.fault('ers-apim-validation-as-400')) return 400;
  return 422;
}

/** Body validation keys: 422 on A016 and $ers.bookdirect (only a body that is not JSON at all is 400). */
const BODY_VALIDATION_KEYS: ReadonlySet<OutcomeKey> = new Set(['MISSING_VALUE', 'INVALID_VALUE', 'INVALID_CODE', 'UNEXPECTED_FIELD']);
/** A016 keys on the G2 422 list that a provider might take for HTTP 409 Conflict. */
const G2_CONFLICT_LIKE_KEYS: ReadonlySet<OutcomeKey> = new Set(['INVALID_REQUEST_STATE', 'SLOT_NOT_AVAILABLE', 'SLOTS_CURRENTLY_AVAILABLE']);

/** The legacy A016 status of a key: 422 as its own table says, or the error page's status where a liberty takes it. */
function legacyA016Status(env: ErsEnv, key: OutcomeKey): number {
  if ((key === 'PAS_NOT_RESPONDING' || key === 'PAS_RESPONDED_WITH_ERROR') && env.liberty('ers-legacy-pas-gateway-statuses')) {
    return key === 'PAS_NOT_RESPONDING' ? 504 : 502;
  }
  if ((key === 'FORBIDDEN' || key === 'NO_RELATIONSHIP') && env.liberty('ers-legacy-forbidden-403')) return 403;
  if ((key === 'VERSION_CONFLICT' || key === 'REFERRAL_LOCKED') && env.liberty('ers-legacy-lock-statuses')) {
    return key === 'VERSION_CONFLICT' ? 409 : 423;
  }
  return 422;
}

/** G2 has no NO_SUCH_SERVICE code; an unknown service id is a reference that is not found. */
function keyFor(gen: Generation, key: OutcomeKey): OutcomeKey {
  return gen === 'G2' && key === 'NO_SUCH_SERVICE' ? 'REFERENCE_NOT_FOUND' : key;
}

export function operationOutcome(env: ErsEnv, key: OutcomeKey, diagnostics: string, issueCode?: string): JsonObject {
  const shownKey: OutcomeKey = key === 'SLOT_NOT_AVAILABLE' && env.fault('ers-wrong-outcome-key') ? 'INVALID_VALUE' : key;
  const system = env.fault('ers-outcome-wrong-system') ? WRONG_ERROR_CODE_SYSTEM : ERROR_CODE_SYSTEM;
  const coding = { system, code: shownKey, display: KEYS[shownKey].display };
  return operationOutcomeOf([{ severity: 'error', code: issueCode ?? KEYS[shownKey].issue, coding, diagnostics }], OUTCOME_PROFILE);
}

export function outcomeResponse(env: ErsEnv, gen: Generation, interaction: Interaction, err: OutcomeError): Reply {
  if (err.key === 'PAS_NOT_RESPONDING' && env.fault('ers-pas-timeout-as-500')) {
    return { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Internal Server Error' };
  }
  const key = keyFor(gen, err.key);
  // The API platform documents NO_ACCESS with issue.code login or forbidden.
  const noAccessForbidden = gen === 'G2' && key === 'NO_ACCESS' && env.liberty('ers-no-access-forbidden');
  return {
    status: err.override.status ?? statusFor(env, gen, interaction, key),
    body: operationOutcome(env, key, err.diagnostics, err.override.issueCode ?? (noAccessForbidden ? 'forbidden' : undefined)),
  };
}
