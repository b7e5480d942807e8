// Who is calling. G0/G1 identify the user by a smartcard session (XAPI_ASID + HTTP_X_SESSION_KEY);
// G2 by a bearer token plus NHSD-* headers naming the organisation and business function.

import type { RefRequest } from '../types.ts';
import type { ErsEnv } from './env.ts';
import { ersFixtures as F } from './fixtures.ts';
import { fail, OutcomeError, type Generation } from './outcome.ts';

export interface Caller {
  businessFunction: string;
  /** ODS code of the organisation the user acts for. */
  org: string;
}

/** Only these business functions may search slots, book and defer. */
const REFERRING_FUNCTIONS = new Set(['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN']);

const G2_BUSINESS_FUNCTIONS = new Set([
  'REFERRING_CLINICIAN',
  'REFERRING_CLINICIAN_ADMIN',
  'REFERRING_ADMIN',
  'COMMISSIONER',
  'SERVICE_PROVIDER_CLINICIAN_ADMIN',
  'SERVICE_PROVIDER_CLINICIAN',
  'SERVICE_PROVIDER_ADMIN',
  'INFORMATION_ANALYST',
  'BOOKING_MANAGER',
  'ADDITIONAL_REQUIREMENTS_MANAGER',
]);

/** The sessions this target has "issued": in live they come from A001/A002 with a chosen role. */
const SESSIONS: Readonly<Record<string, Caller>> = {
  [F.sessionKeys.referringClinician]: { businessFunction: 'REFERRING_CLINICIAN', org: F.apim.odsCode },
  [F.sessionKeys.referringClinicianAdmin]: { businessFunction: 'REFERRING_CLINICIAN_ADMIN', org: F.apim.odsCode },
  [F.sessionKeys.serviceProviderClinician]: { businessFunction: 'SERVICE_PROVIDER_CLINICIAN', org: F.apim.odsCode },
};

/** Referring organisations known to the directory (the commissioning rule org must be one). */
const REFERRING_ORGS = new Set([F.commissioningRuleOrg, 'R68']);

export function callerFor(env: ErsEnv, gen: Generation, req: RefRequest): Caller {
  return gen === 'G2' ? apimCaller(env, req) : sessionCaller(req);
}

// A missing or unknown session is an authentication failure (401); the legacy pages leave it
// unspecified, and answering it like a business error would hide the real problem from the client.
function sessionCaller(req: RefRequest): Caller {
  const asid = req.headers['xapi_asid']?.trim();
  if (!asid) fail('NO_ACCESS', 'XAPI_ASID header is missing');
  if (asid !== F.asid) fail('NO_ACCESS', `ASID ${asid} is not registered for this endpoint`);
  const key = req.headers['http_x_session_key']?.trim();
  if (!key) fail('NO_ACCESS', 'HTTP_X_SESSION_KEY header is missing');
  const caller = SESSIONS[key];
  if (!caller) fail('NO_ACCESS', 'the session key is unknown or has expired');
  return caller;
}

function apimCaller(env: ErsEnv, req: RefRequest): Caller {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers['authorization'] ?? '')?.[1];
  if (!token) {
    if (env.fault('ers-apim-missing-token-as-403')) throw new OutcomeError('NO_ACCESS', 'no access token', { status: 403, issueCode: 'forbidden' });
    fail('NO_ACCESS', 'Authorization header with a Bearer token is required');
  }
  if (!(F.apim.bearerTokens as readonly string[]).includes(token)) fail('NO_ACCESS', 'the access token is invalid or has expired');
  const ods = req.headers['nhsd-end-user-organisation-ods']?.trim();
  if (!ods) {
    if (env.fault('ers-apim-missing-ods-as-403')) throw new OutcomeError('NO_ACCESS', 'no organisation given', { status: 403, issueCode: 'forbidden' });
    fail('MISSING_HEADER', 'the NHSD-End-User-Organisation-ODS header is missing or empty');
  }
  if (ods !== F.apim.odsCode) {
    throw new OutcomeError('NO_ACCESS', `the user may not act for organisation ${ods}`, { status: 403, issueCode: 'forbidden' });
  }
  const businessFunction = req.headers['nhsd-ers-business-function']?.trim();
  if (!businessFunction) fail('MISSING_HEADER', 'the NHSD-eRS-Business-Function header is missing or empty');
  if (!G2_BUSINESS_FUNCTIONS.has(businessFunction)) {
    throw new OutcomeError('NO_ACCESS', `the user does not hold business function ${businessFunction} at ${ods}`, {
      status: 403,
      issueCode: 'forbidden',
    });
  }
  return { businessFunction, org: ods };
}

/** Slot search, book and defer are for referring clinicians (and their admins) only. */
export function requireReferringRole(env: ErsEnv, caller: Caller): void {
  if (env.fault('ers-forbidden-not-checked')) return;
  const allowed = caller.businessFunction === 'REFERRING_CLINICIAN_ADMIN' && env.fault('ers-admin-role-refused') ? false : REFERRING_FUNCTIONS.has(caller.businessFunction);
  if (!allowed) {
    fail('FORBIDDEN', `business function ${caller.businessFunction} may not search for or book appointments`);
  }
}

/** The commissioning rule organisation sent with a slot search (header name differs per generation). */
export function commissioningRuleOrgHeader(gen: Generation, req: RefRequest): string | undefined {
  const name = gen === 'G2' ? 'nhsd-ers-comm-rule-org' : 'x-ers-xapi-comm-rule-org';
  return req.headers[name]?.trim() || undefined;
}

export function isReferringOrg(ods: string): boolean {
  return REFERRING_ORGS.has(ods);
}
