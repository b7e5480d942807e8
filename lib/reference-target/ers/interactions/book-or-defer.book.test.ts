import { describe, expect, it } from 'vitest';
import { bookBody, F, outcomeKey, referralState, referralVersionIn, useErsTarget, type ClientResponse } from '../../../testing/ers.ts';

const S = F.services;

function expectOutcome(res: ClientResponse, status: number, key: string): void {
  expect({ status: res.status, key: outcomeKey(res) }).toEqual({ status, key });
  expect(res.body.resourceType).toBe('OperationOutcome');
  expect(res.body.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1']);
  const issue = res.body.issue[0];
  expect(issue.severity).toBe('error');
  expect(issue.code).toEqual(expect.any(String));
  expect(issue.details.coding[0]).toMatchObject({ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1', code: key, display: expect.any(String) });
  expect(issue.diagnostics.length).toBeGreaterThan(0);
}

describe('A016 book (G1)', () => {
  const c = useErsTarget();

  it('books a free slot: 201, Appointment with id, versionId, both profiles, created, display; ETag and Location', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await c.book(bookBody({ ubrn, slot, serviceId: S.directlyBookable }));
    expect(res.status).toBe(201);
    const appt = res.body;
    expect(appt.resourceType).toBe('Appointment');
    expect(appt.id).toMatch(/^\d+$/);
    expect(appt.meta.versionId).toMatch(/^\d+$/);
    expect(appt.meta.profile).toEqual(
      expect.arrayContaining(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1', 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1']),
    );
    expect(appt.status).toBe('booked');
    expect(Date.parse(appt.created)).not.toBeNaN();
    expect(appt.slot).toEqual([{ reference: `Slot/${slot.id}` }]);
    expect(appt.start).toBe(slot.start);
    expect(appt.participant[0].actor.display).toBe('Reference Cardiology Clinic');
    expect(res.headers.get('etag')).toBe(`W/"${appt.meta.versionId}"`);
    expect(res.headers.get('location')).toBe(`${c.ref.bases['ers-a016']}/Appointment/${appt.id}/_history/${appt.meta.versionId}`);
    expect(referralVersionIn(appt)).toBeGreaterThan(F.referrals.poolVersion);

    const after = await c.referral(ubrn);
    expect(referralState(after.body)).toBe('BOOKED');
    expect(after.body.meta.versionId).toBe(String(referralVersionIn(appt)));
    expect(after.headers.get('etag')).toBe(`W/"${referralVersionIn(appt)}"`);
    const apptRef = after.body.extension.find((e: any) => e.url.endsWith('Extension-eRS-Appointment-Reference-1'));
    expect(apptRef.valueReference.reference).toBe(`Appointment/${appt.id}`);
  });

  it('the booked slot is no longer offered', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    expect((await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }))).status).toBe(201);
    const again = await c.g1('GET', `/Slot?schedule.actor%3AHealthcareService=${S.directlyBookable}&_count=100`);
    expect(again.body.entry.map((e: any) => e.resource.id)).not.toContain(slot.id);
  });

  it('books a named-clinician slot naming the clinician', async () => {
    const slot = await c.takeSlot(S.namedClinician, { clinician: F.namedClinicianSdsId });
    const res = await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.namedClinician, clinicianId: F.namedClinicianSdsId }));
    expect(res.status).toBe(201);
    expect(res.body.participant.find((p: any) => p.actor.identifier.system === 'http://fhir.nhs.net/Id/sds-user-id').actor.identifier.value).toBe(
      F.namedClinicianSdsId,
    );
  });

  it('the referring clinician admin may book too', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), F.sessionKeys.referringClinicianAdmin);
    expect(res.status).toBe(201);
  });

  it('accepts start/end written in UTC for the same instants', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const utc = { ...slot, start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() };
    expect((await c.book(bookBody({ ubrn: c.freshUbrn(), slot: utc, serviceId: S.directlyBookable }))).status).toBe(201);
  });

  describe('each OutcomeKey of the book table is a 422 eRS-OperationOutcome', () => {
    /**
     * Books a slot taken from `from` (the directly bookable service unless told) at that service for a
     * fresh pool referral, with `body` changing the request; the answer must be the 422 `key`.
     */
    async function expectBookingRefused(
      key: string,
      o: { from?: string; take?: { clinician?: string; noClinician?: boolean }; body?: Partial<Parameters<typeof bookBody>[0]>; session?: string } = {},
    ): Promise<void> {
      const from = o.from ?? S.directlyBookable;
      const slot = await c.takeSlot(from, o.take);
      const body = bookBody({ slot, serviceId: from, ...o.body, ubrn: o.body?.ubrn ?? c.freshUbrn() });
      expectOutcome(await c.book(body, o.session), 422, key);
    }

    it('FORBIDDEN: the session user is not a referring clinician', () =>
      expectBookingRefused('FORBIDDEN', { session: F.sessionKeys.serviceProviderClinician }));

    it('INAPPROPRIATE_SLOT: slot of another service', () =>
      expectBookingRefused('INAPPROPRIATE_SLOT', { from: S.namedClinician, body: { serviceId: S.directlyBookable } }));

    it('INAPPROPRIATE_SLOT: slot not allocated to the named clinician', () =>
      expectBookingRefused('INAPPROPRIATE_SLOT', { from: S.namedClinician, take: { noClinician: true }, body: { clinicianId: F.namedClinicianSdsId } }));

    it('INAPPROPRIATE_VALUE: start/end do not match the slot', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      const shifted = { ...slot, end: new Date(Date.parse(slot.end) + 5 * 60_000).toISOString() };
      expectOutcome(await c.book(bookBody({ ubrn: c.freshUbrn(), slot: shifted, serviceId: S.directlyBookable })), 422, 'INAPPROPRIATE_VALUE');
    });

    it('INAPPROPRIATE_VALUE: service not on the shortlist', () => expectBookingRefused('INAPPROPRIATE_VALUE', { from: S.notOnShortlist }));

    it('INAPPROPRIATE_VALUE: patient does not match the referral', () =>
      expectBookingRefused('INAPPROPRIATE_VALUE', { body: { nhsNumber: F.otherPatientNhsNumber } }));

    it('INVALID_REQUEST_STATE: referral already booked', () =>
      expectBookingRefused('INVALID_REQUEST_STATE', { body: { ubrn: F.referrals.booked, version: 5 } }));

    it('INVALID_CODE: status that is not an AppointmentStatus code', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      expectOutcome(await c.book({ ...bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), status: 'reserved' }), 422, 'INVALID_CODE');
    });

    it('INVALID_VALUE: a wrong description, or a status other than booked/proposed', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      const base = bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable });
      expectOutcome(await c.book({ ...base, description: 'Appointment' }), 422, 'INVALID_VALUE');
      expectOutcome(await c.book({ ...base, status: 'cancelled' }), 422, 'INVALID_VALUE');
    });

    it('INVALID_STATE: the service is not directly bookable', () => expectBookingRefused('INVALID_STATE', { body: { serviceId: S.indirectlyBookable } }));

    it('MISSING_VALUE: no slot, no start, no service participant', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      const base = bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable });
      const { slot: _slot, ...noSlot } = base;
      expectOutcome(await c.book(noSlot), 422, 'MISSING_VALUE');
      const { start: _start, ...noStart } = base;
      expectOutcome(await c.book(noStart), 422, 'MISSING_VALUE');
      expectOutcome(await c.book({ ...base, participant: (base['participant'] as unknown[]).slice(1) }), 422, 'MISSING_VALUE');
    });

    it('NO_RELATIONSHIP: referral of another organisation', () =>
      expectBookingRefused('NO_RELATIONSHIP', { body: { ubrn: F.referrals.noRelationship, nhsNumber: '9000000033' } }));

    it('PATIENT_ERROR: the patient cannot be booked via e-RS', async () => {
      const patient = (await c.referral(F.referrals.patientError)).body.subject.identifier.value;
      await expectBookingRefused('PATIENT_ERROR', { body: { ubrn: F.referrals.patientError, nhsNumber: patient } });
    });

    it('REFERENCE_NOT_FOUND: unknown referral or unknown slot', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      expectOutcome(await c.book(bookBody({ ubrn: F.referrals.unknown, slot, serviceId: S.directlyBookable })), 422, 'REFERENCE_NOT_FOUND');
      expectOutcome(await c.book(bookBody({ ubrn: c.freshUbrn(), slot: { ...slot, id: '1' }, serviceId: S.directlyBookable })), 422, 'REFERENCE_NOT_FOUND');
    });

    it('SERVICE_UNAVAILABLE: the shortlisted service has been retired', () => expectBookingRefused('SERVICE_UNAVAILABLE', { body: { serviceId: S.retired } }));

    it('SLOT_NOT_AVAILABLE: the slot was booked by someone else', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      expect((await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }))).status).toBe(201);
      expectOutcome(await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable })), 422, 'SLOT_NOT_AVAILABLE');
    });

    it('VERSION_CONFLICT: incomingReferral names an old version', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      const ubrn = c.freshUbrn();
      expectOutcome(await c.book(bookBody({ ubrn, version: 2, slot, serviceId: S.directlyBookable })), 422, 'VERSION_CONFLICT');
      expect((await c.referral(ubrn)).body.meta.versionId).toBe('3');
    });

    it('VERSION_CONFLICT after a booking moved the referral on', async () => {
      const ubrn = c.freshUbrn();
      const [a, b] = await c.takeSlots(S.directlyBookable, 2);
      expect((await c.book(bookBody({ ubrn, slot: a!, serviceId: S.directlyBookable }))).status).toBe(201);
      expectOutcome(await c.book(bookBody({ ubrn, slot: b!, serviceId: S.directlyBookable })), 422, 'VERSION_CONFLICT');
    });
  });

  it('a clinician participant with a null value (as in the legacy example) means no clinician', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const body = bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable });
    (body['participant'] as unknown[]).push({ actor: { identifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: null } }, status: 'accepted' });
    expect((await c.book(body)).status).toBe(201);
  });

  it('answers 400 for a body that is not JSON and 415 for a non-JSON content type', async () => {
    const bad = await c.g1('POST', '/Appointment', { body: '{not json' });
    expect(bad.status).toBe(400);
    expect(outcomeKey(bad)).toBe('INVALID_VALUE');
    const xml = await c.g1('POST', '/Appointment', { body: '<Appointment/>', headers: { 'Content-Type': 'application/fhir+xml' } });
    expect(xml.status).toBe(415);
  });

  it('answers 405 for a GET on /Appointment and 404 for unknown paths', async () => {
    expect((await c.g1('GET', '/Appointment')).status).toBe(405);
    expect((await c.g1('GET', '/Patient')).status).toBe(404);
  });
});
