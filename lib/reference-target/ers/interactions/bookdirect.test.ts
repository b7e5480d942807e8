import { describe, expect, it } from 'vitest';
import { bookDirectBody, F, g0Headers, outcomeKey, referralState, useErsTarget, type ClientResponse } from '../../../testing/ers.ts';

const S = F.services;

function expectOutcome(res: ClientResponse, status: number, key: string): void {
  expect({ status: res.status, key: outcomeKey(res) }).toEqual({ status, key });
  expect(res.body.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1']);
}

describe('$ers.bookdirect (G0 alpha)', () => {
  const c = useErsTarget();

  const bookdirect = (ubrn: string, body: unknown, headers: Record<string, string>) =>
    c.call('ers-bookdirect', 'POST', `/ReferralRequest/${ubrn}/$ers.bookdirect`, { headers, body });

  it('books with If-Match = the A005 version: 200 with an empty body, then A005 shows the booking', async () => {
    const ubrn = c.freshUbrn();
    const before = await c.referral(ubrn);
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await bookdirect(ubrn, bookDirectBody(slot.usrn), { ...g0Headers(), 'If-Match': before.headers.get('etag') ?? '' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const after = await c.referral(ubrn);
    expect(referralState(after.body)).toBe('BOOKED');
    expect(Number(after.body.meta.versionId)).toBeGreaterThan(Number(before.body.meta.versionId));
    const appt = after.body.contained.find((r: any) => r.resourceType === 'Appointment');
    expect(appt.slot[0].reference).toBe(`Slot/${slot.id}`);
  });

  it('If-Match is required (400 MISSING_HEADER) and must be W/"n" (400 INVALID_VALUE)', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    expectOutcome(await bookdirect(c.freshUbrn(), bookDirectBody(slot.usrn), g0Headers()), 400, 'MISSING_HEADER');
    expectOutcome(await bookdirect(c.freshUbrn(), bookDirectBody(slot.usrn), { ...g0Headers(), 'If-Match': '"3"' }), 400, 'INVALID_VALUE');
  });

  it('a stale If-Match is 409 VERSION_CONFLICT and books nothing', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.directlyBookable);
    expectOutcome(await bookdirect(ubrn, bookDirectBody(slot.usrn), g0Headers(2)), 409, 'VERSION_CONFLICT');
    expect(referralState((await c.referral(ubrn)).body)).toBe('NOT_BOOKED');
  });

  it('unknown UBRN is 404 NO_SUCH_REQUEST; unknown USRN 422 REFERENCE_NOT_FOUND; taken USRN 422 SLOT_NOT_AVAILABLE', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    expectOutcome(await bookdirect(F.referrals.unknown, bookDirectBody(slot.usrn), g0Headers(3)), 404, 'NO_SUCH_REQUEST');
    expectOutcome(await bookdirect(c.freshUbrn(), bookDirectBody('00000000-0000-0000-0000-000000000000'), g0Headers(3)), 422, 'REFERENCE_NOT_FOUND');
    expect((await bookdirect(c.freshUbrn(), bookDirectBody(slot.usrn), g0Headers(3))).status).toBe(200);
    expectOutcome(await bookdirect(c.freshUbrn(), bookDirectBody(slot.usrn), g0Headers(3)), 422, 'SLOT_NOT_AVAILABLE');
  });

  it('rejects malformed Parameters', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const good = bookDirectBody(slot.usrn);
    const ubrn = c.freshUbrn();
    expectOutcome(await bookdirect(ubrn, { ...good, resourceType: 'Appointment' }, g0Headers(3)), 422, 'INVALID_VALUE');
    expectOutcome(await bookdirect(ubrn, { ...good, meta: { profile: [F.services.unknown] } }, g0Headers(3)), 422, 'INVALID_VALUE');
    expectOutcome(await bookdirect(ubrn, { ...good, meta: {} }, g0Headers(3)), 422, 'MISSING_VALUE');
    expectOutcome(await bookdirect(ubrn, { ...good, parameter: [] }, g0Headers(3)), 422, 'MISSING_VALUE');
    expectOutcome(await bookdirect(ubrn, { ...good, parameter: [{ name: 'usrn', valueString: '' }] }, g0Headers(3)), 422, 'INVALID_VALUE');
    expectOutcome(
      await bookdirect(ubrn, { ...good, parameter: [...(good['parameter'] as unknown[]), { name: 'priority', valueString: 'x' }] }, g0Headers(3)),
      422,
      'UNEXPECTED_FIELD',
    );
    expectOutcome(await bookdirect(ubrn, '{"resourceType":', g0Headers(3)), 400, 'INVALID_VALUE');
    expect(referralState((await c.referral(ubrn)).body)).toBe('NOT_BOOKED');
  });

  it('requires the session headers (401 NO_ACCESS), a referring role (403 FORBIDDEN) and a JSON content type (415)', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const { HTTP_X_SESSION_KEY: _k, ...noSession } = g0Headers(3);
    expectOutcome(await bookdirect(c.freshUbrn(), bookDirectBody(slot.usrn), noSession), 401, 'NO_ACCESS');
    expectOutcome(
      await bookdirect(c.freshUbrn(), bookDirectBody(slot.usrn), { ...g0Headers(3), HTTP_X_SESSION_KEY: F.sessionKeys.serviceProviderClinician }),
      403,
      'FORBIDDEN',
    );
    expect((await bookdirect(c.freshUbrn(), bookDirectBody(slot.usrn), { ...g0Headers(3), 'Content-Type': 'text/plain' })).status).toBe(415);
  });

  it('answers a client that accepts the alpha media type application/json+fhir (no 406)', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await bookdirect(ubrn, bookDirectBody(slot.usrn), { ...g0Headers(3), Accept: 'application/json+fhir' });
    expect(res.status).toBe(200);
  });

  it('refuses an already booked referral (422 INVALID_REQUEST_STATE)', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    expectOutcome(await bookdirect(F.referrals.booked, bookDirectBody(slot.usrn), g0Headers(5)), 422, 'INVALID_REQUEST_STATE');
  });

  it('maps the PAS failures to 504 and 502', async () => {
    const slow = await c.takeSlot(S.pasTimeout);
    expectOutcome(await bookdirect(c.freshUbrn(), bookDirectBody(slow.usrn), g0Headers(3)), 504, 'PAS_NOT_RESPONDING');
    const broken = await c.takeSlot(S.pasError);
    expectOutcome(await bookdirect(c.freshUbrn(), bookDirectBody(broken.usrn), g0Headers(3)), 502, 'PAS_RESPONDED_WITH_ERROR');
  });

  it('is only served at POST /ReferralRequest/{ubrn}/$ers.bookdirect', async () => {
    expect((await c.call('ers-bookdirect', 'GET', `/ReferralRequest/${c.freshUbrn()}/$ers.bookdirect`, { headers: g0Headers(3) })).status).toBe(405);
    expect((await c.call('ers-bookdirect', 'POST', '/Appointment', { headers: g0Headers(3), body: {} })).status).toBe(404);
  });
});
