import { describe, expect, it } from 'vitest';
import { bookBody, deferBody, ErsClient, F, outcomeKey, referralState, referralVersionIn, useErsTarget, type ClientResponse } from '../../../testing/ers.ts';

const S = F.services;

const defer = (c: ErsClient, body: unknown): Promise<ClientResponse> => c.book(body);

function expect422(res: ClientResponse, key: string): void {
  expect({ status: res.status, key: outcomeKey(res) }).toEqual({ status: 422, key });
}

describe('A016 defer to provider (G1)', () => {
  const c = useErsTarget();

  /** A slot that someone else has just booked: the situation SLOT_NOT_AVAILABLE deferral is for. */
  async function takenSlot(serviceId: string = S.directlyBookable) {
    const slot = await c.takeSlot(serviceId);
    expect((await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId }))).status).toBe(201);
    return slot;
  }

  /** Defers a fresh referral at the directly bookable service naming `slotId`, for `reason`. */
  const deferNaming = (slotId: string, reason = 'SLOT_NOT_AVAILABLE') =>
    defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.directlyBookable, reason, slotId }));

  it('NO_SLOTS_AT_SERVICE at a service without slots: 201 proposed, Location, referral DEFERRED_TO_PROVIDER', async () => {
    const ubrn = c.freshUbrn();
    const res = await defer(c, deferBody({ ubrn, serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE', comment: 'Nothing offered' }));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('proposed');
    expect(res.body.reason[0].coding[0]).toEqual({ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code: 'NO_SLOTS_AT_SERVICE' });
    expect(res.body.comment).toBe('Nothing offered');
    expect(res.body.meta.profile).toContain('https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1');
    expect(res.body.participant[0].actor.display).toEqual(expect.any(String));
    expect(res.headers.get('location')).toBe(`${c.ref.bases['ers-a016']}/Appointment/${res.body.id}/_history/${res.body.meta.versionId}`);
    expect(referralVersionIn(res.body)).toBeGreaterThan(3);
    const after = await c.referral(ubrn);
    expect(referralState(after.body)).toBe('DEFERRED_TO_PROVIDER');
    expect(after.body.meta.versionId).toBe(String(referralVersionIn(res.body)));
  });

  it('SLOT_NOT_AVAILABLE with a slot that has been taken: 201 and the slot is not returned', async () => {
    const slot = await takenSlot();
    const res = await deferNaming(slot.id);
    expect(res.status).toBe(201);
    expect(res.body.slot).toBeUndefined();
  });

  it('SLOT_NOT_AVAILABLE with a slot lost in the provider PAS is permitted', async () => {
    const slot = await c.takeSlot(S.pasError);
    expect(outcomeKey(await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.pasError })))).toBe('PAS_RESPONDED_WITH_ERROR');
    const res = await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.pasError, reason: 'SLOT_NOT_AVAILABLE', slotId: slot.id }));
    expect(res.status).toBe(201);
  });

  it('BOOKING_ATTEMPT_PROBLEM after the PAS timed out is permitted', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.pasTimeout);
    expect(outcomeKey(await c.book(bookBody({ ubrn, slot, serviceId: S.pasTimeout })))).toBe('PAS_NOT_RESPONDING');
    const res = await defer(c, deferBody({ ubrn, serviceId: S.pasTimeout, reason: 'BOOKING_ATTEMPT_PROBLEM', comment: 'PAS did not answer' }));
    expect(res.status).toBe(201);
  });

  it('SLOTS_CURRENTLY_AVAILABLE: NO_SLOTS_AT_SERVICE while the service has free slots', async () => {
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.directlyBookable, reason: 'NO_SLOTS_AT_SERVICE' })), 'SLOTS_CURRENTLY_AVAILABLE');
  });

  it('THIS_SLOT_IS_AVAILABLE: SLOT_NOT_AVAILABLE naming a slot that is still free', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    expect422(await deferNaming(slot.id), 'THIS_SLOT_IS_AVAILABLE');
  });

  it('INAPPROPRIATE_VALUE: a slot with any reason other than SLOT_NOT_AVAILABLE', async () => {
    const slot = await takenSlot();
    expect422(await deferNaming(slot.id, 'BOOKING_ATTEMPT_PROBLEM'), 'INAPPROPRIATE_VALUE');
  });

  it('MISSING_VALUE: SLOT_NOT_AVAILABLE without a slot', async () => {
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.directlyBookable, reason: 'SLOT_NOT_AVAILABLE' })), 'MISSING_VALUE');
  });

  it('MISSING_VALUE: no reason at all', async () => {
    const { reason: _reason, ...body } = deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' });
    expect422(await defer(c, body), 'MISSING_VALUE');
  });

  it('INVALID_CODE: a reason that is not a deferral reason (TRIAGE is API-platform only)', async () => {
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'PATIENT_PREFERENCE' })), 'INVALID_CODE');
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.triage, reason: 'TRIAGE' })), 'INVALID_CODE');
  });

  it('comment: 1000 characters are fine, 1001 are INVALID_VALUE', async () => {
    expect((await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE', comment: 'x'.repeat(1000) }))).status).toBe(201);
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE', comment: 'x'.repeat(1001) })), 'INVALID_VALUE');
  });

  it('INAPPROPRIATE_VALUE: service not on the shortlist; INVALID_STATE: service not directly bookable', async () => {
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.notOnShortlist, reason: 'BOOKING_ATTEMPT_PROBLEM' })), 'INAPPROPRIATE_VALUE');
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.indirectlyBookable, reason: 'NO_SLOTS_AT_SERVICE' })), 'INVALID_STATE');
  });

  it('SERVICE_UNAVAILABLE: a retired service', async () => {
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.retired, reason: 'NO_SLOTS_AT_SERVICE' })), 'SERVICE_UNAVAILABLE');
  });

  it('INAPPROPRIATE_SLOT / REFERENCE_NOT_FOUND for the named slot', async () => {
    const other = await takenSlot(S.namedClinician);
    expect422(await deferNaming(other.id), 'INAPPROPRIATE_SLOT');
    expect422(await deferNaming('42'), 'REFERENCE_NOT_FOUND');
  });

  it('INAPPROPRIATE_VALUE: the named slot belongs to a service off the shortlist', async () => {
    const slot = await c.takeSlot(S.notOnShortlist);
    expect422(await deferNaming(slot.id), 'INAPPROPRIATE_VALUE');
  });

  it('NO_SUCH_REQUEST, VERSION_CONFLICT and INVALID_REQUEST_STATE on the referral', async () => {
    expect422(await defer(c, deferBody({ ubrn: F.referrals.unknown, serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' })), 'NO_SUCH_REQUEST');
    expect422(await defer(c, deferBody({ ubrn: c.freshUbrn(), version: 1, serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' })), 'VERSION_CONFLICT');
    expect422(await defer(c, deferBody({ ubrn: F.referrals.deferred, version: 5, serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' })), 'INVALID_REQUEST_STATE');
  });

  it('FORBIDDEN for a service provider clinician', async () => {
    expect422(
      await c.book(deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' }), F.sessionKeys.serviceProviderClinician),
      'FORBIDDEN',
    );
  });

  it('a deferred referral cannot then be booked', async () => {
    const ubrn = c.freshUbrn();
    const res = await defer(c, deferBody({ ubrn, serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' }));
    const slot = await c.takeSlot(S.directlyBookable);
    expect422(await c.book(bookBody({ ubrn, version: referralVersionIn(res.body), slot, serviceId: S.directlyBookable })), 'INVALID_REQUEST_STATE');
  });
});
