// G0 alpha: POST /ReferralRequest/{UBRN}/$ers.bookdirect with a Parameters body naming the slot by USRN.
// The referral version travels in If-Match; success is 200 with an empty body.

import type { RefRequest, Reply } from '../../types.ts';
import { renderAppointment } from '../appointment.ts';
import { bookSlot, findReferral } from '../booking.ts';
import type { ErsCall, ErsEnv } from '../env.ts';
import { fhirResponse, parseJsonBody, unsupportedMediaType, weakEtag } from '../http.ts';
import { fail, OutcomeError } from '../outcome.ts';
import { callerFor, requireReferringRole } from '../session.ts';
import { PROFILES } from '../systems.ts';

const KNOWN_PARAMETERS = new Set(['usrn']);

export async function bookDirect({ env, req, params: [ubrn = ''] }: ErsCall): Promise<Reply> {
  const caller = callerFor(env, 'G0', req);
  const unsupported = unsupportedMediaType('G0', req);
  if (unsupported) return unsupported;
  requireReferringRole(env, caller);
  findReferral(env, ubrn, caller, 'NO_SUCH_REQUEST');
  const expectedVersion = readIfMatch(env, req);
  const usrn = readUsrn(parseJsonBody(req));
  const slot = env.world.slotsByUsrn.get(usrn) ?? unknownUsrn(env, usrn);
  if (env.fault('ers-bookdirect-not-booked')) return { status: 200 };
  const record = await bookSlot(env, {
    caller,
    ubrn,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    serviceId: slot.serviceId,
    slotId: slot.id,
    referralNotFoundKey: 'NO_SUCH_REQUEST',
  });
  if (env.fault('ers-bookdirect-body-on-200')) return fhirResponse(200, renderAppointment(env, record));
  // Like the other If-Match operations, the answer may name the referral's new version.
  if (env.liberty('ers-bookdirect-etag-on-200')) return { status: 200, headers: { ETag: weakEtag(record.referralVersion) } };
  return { status: 200 };
}

/**
 * The referral version the client read (A005 ETag). Undefined only when the fault ignores If-Match.
 *
 * Missing If-Match -> 400 MISSING_HEADER, not 428: the e-RS error pages never use 428, and the only
 * documented e-RS behaviour for a missing mandatory header is 400 MISSING_HEADER, so that is what an
 * e-RS client is built to handle.
 * Stale If-Match -> 409 VERSION_CONFLICT, not 412: the legacy error page assigns 409 to an out-of-date
 * version (optimistic locking) and keeps 412 for business-rule assertions; the current API does the same.
 */
function readIfMatch(env: ErsEnv, req: RefRequest): number | undefined {
  if (env.fault('ers-bookdirect-if-match-ignored')) return undefined;
  const value = req.headers['if-match']?.trim();
  if (!value) fail('MISSING_HEADER', 'If-Match is required: send W/"{version}" with the current referral version (the A005 ETag)');
  const m = /^W\/"(\d+)"$/.exec(value);
  if (!m) throw new OutcomeError('INVALID_VALUE', `If-Match '${value}' must be a weak ETag W/"{version}"`, { status: 400 });
  return Number(m[1]);
}

/** The body is the alpha's Parameters: meta.profile is the OperationDefinition URL as a plain string. */
function readUsrn(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('INVALID_VALUE', 'the body must be a Parameters resource');
  const params = body as Record<string, unknown>;
  if (params['resourceType'] !== 'Parameters') fail('INVALID_VALUE', `resourceType must be Parameters, not ${String(params['resourceType'])}`);
  const meta = params['meta'];
  const profile = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['profile'] : undefined;
  if (profile === undefined) fail('MISSING_VALUE', `meta.profile is mandatory (${PROFILES.bookDirectOperation})`);
  if (profile !== PROFILES.bookDirectOperation) fail('INVALID_VALUE', `meta.profile must be the string ${PROFILES.bookDirectOperation}`);
  const list = params['parameter'];
  if (!Array.isArray(list) || list.length === 0) fail('MISSING_VALUE', 'parameter usrn is mandatory');
  const usrns: unknown[] = [];
  list.forEach((p: unknown, i: number) => {
    const name = typeof p === 'object' && p !== null ? (p as Record<string, unknown>)['name'] : undefined;
    if (typeof name !== 'string' || !KNOWN_PARAMETERS.has(name)) fail('UNEXPECTED_FIELD', `parameter[${i}] '${String(name)}' is not a parameter of this operation`);
    usrns.push((p as Record<string, unknown>)['valueString']);
  });
  if (usrns.length > 1) fail('INVALID_VALUE', 'parameter usrn may only be given once');
  const usrn = usrns[0];
  if (typeof usrn !== 'string' || usrn.trim() === '') fail('INVALID_VALUE', 'parameter usrn must carry a non-empty valueString');
  return usrn;
}

function unknownUsrn(env: ErsEnv, usrn: string): never {
  // The slot is named in the body, not the URL: a provider mapping "not found" to 404 gets this wrong.
  if (env.fault('ers-bookdirect-unknown-usrn-as-404')) throw new OutcomeError('REFERENCE_NOT_FOUND', `no slot has USRN ${usrn}`, { status: 404 });
  return fail('REFERENCE_NOT_FOUND', `no slot has USRN ${usrn}`);
}
