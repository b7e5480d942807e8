import { describe, expect, it } from 'vitest';
import { bookBody, deferBody, F, g2Headers, lockRace, outcomeKey, referralState, useErsTarget, type ClientResponse } from '../../testing/ers.ts';

const S = F.services;

function expectOutcome(res: ClientResponse, status: number, key: string): void {
  expect({ status: res.status, key: outcomeKey(res) }).toEqual({ status, key });
  expect(res.body.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1']);
  expect(res.body.issue[0].details.coding[0].system).toBe('https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1');
}

const slotQuery = (serviceId: string, extra: Record<string, string> = {}) =>
  `/Slot?${new URLSearchParams({ 'schedule.actor:HealthcareService': serviceId, appointmentType: 'ROUTINE', status: 'free', _count: '20', page: '1', ...extra }).toString()}`;

describe('e-RS FHIR API on the API platform (G2)', () => {
  const c = useErsTarget();

  describe('headers', () => {
    it('echoes X-Correlation-ID and returns X-Request-ID and application/fhir+json', async () => {
      const res = await c.g2('GET', slotQuery(S.directlyBookable), { headers: { 'X-Correlation-ID': 'corr-123' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-correlation-id')).toBe('corr-123');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}-1$/);
      expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    });

    it('returns X-Request-ID and the correlation id on errors too', async () => {
      const res = await c.g2('GET', slotQuery(S.unknown), { headers: { 'X-Correlation-ID': 'corr-err' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-correlation-id')).toBe('corr-err');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    });

    it('401 NO_ACCESS without a valid bearer token', async () => {
      const { Authorization: _a, ...noAuth } = g2Headers();
      expectOutcome(await c.call('ers-a016-apim', 'GET', slotQuery(S.directlyBookable), { headers: noAuth }), 401, 'NO_ACCESS');
      expectOutcome(await c.g2('GET', slotQuery(S.directlyBookable), { headers: { Authorization: 'Bearer nope' } }), 401, 'NO_ACCESS');
    });

    it('400 MISSING_HEADER without the ODS or business function header; 403 for an ODS or function the user lacks', async () => {
      const { 'NHSD-End-User-Organisation-ODS': _o, ...noOds } = g2Headers();
      expectOutcome(await c.call('ers-a016-apim', 'GET', slotQuery(S.directlyBookable), { headers: noOds }), 400, 'MISSING_HEADER');
      const { 'NHSD-eRS-Business-Function': _b, ...noBf } = g2Headers();
      expectOutcome(await c.call('ers-a016-apim', 'GET', slotQuery(S.directlyBookable), { headers: noBf }), 400, 'MISSING_HEADER');
      expectOutcome(await c.g2('GET', slotQuery(S.directlyBookable), { headers: { 'NHSD-End-User-Organisation-ODS': 'X99' } }), 403, 'NO_ACCESS');
      expectOutcome(await c.g2('GET', slotQuery(S.directlyBookable), { businessFunction: 'CHIEF_EXECUTIVE' }), 403, 'NO_ACCESS');
    });

    it('403 FORBIDDEN for a business function that may not book', async () => {
      expectOutcome(await c.g2('GET', slotQuery(S.directlyBookable), { businessFunction: 'SERVICE_PROVIDER_CLINICIAN' }), 403, 'FORBIDDEN');
      const slot = await c.takeSlot(S.directlyBookable);
      const res = await c.g2('POST', '/Appointment', { body: bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), businessFunction: 'SERVICE_PROVIDER_CLINICIAN' });
      expectOutcome(res, 403, 'FORBIDDEN');
    });

    it('415 for a non-JSON body and 406 when JSON is not acceptable', async () => {
      expect((await c.g2('POST', '/Appointment', { body: '{}', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
      expect((await c.g2('GET', slotQuery(S.directlyBookable), { headers: { Accept: 'application/fhir+xml' } })).status).toBe(406);
    });
  });

  describe('A015 slot search', () => {
    it('answers the same bundle shape under the API platform base', async () => {
      const res = await c.g2('GET', slotQuery(S.directlyBookable, { _count: '5' }));
      expect(res.status).toBe(200);
      expect(res.body.link[0].url.startsWith(`${c.ref.bases['ers-a016-apim']}/Slot?`)).toBe(true);
      expect(res.body.link[0].url).toContain('_include=Slot%3Aschedule');
    });

    it('reports slot-search business errors as 400', async () => {
      expectOutcome(await c.g2('GET', slotQuery(S.directlyBookable, { page: '500' })), 400, 'INVALID_VALUE');
      expectOutcome(await c.g2('GET', slotQuery(S.directlyBookable, { _count: '0' })), 400, 'INVALID_VALUE');
      expectOutcome(await c.g2('GET', slotQuery(S.unknown)), 400, 'REFERENCE_NOT_FOUND');
      expectOutcome(await c.g2('GET', slotQuery(S.indirectlyBookable)), 400, 'INVALID_STATE');
      expectOutcome(await c.g2('GET', slotQuery(S.retired)), 400, 'SERVICE_UNAVAILABLE');
      expectOutcome(await c.g2('GET', slotQuery(S.directlyBookable, { appointmentType: 'SOON' })), 400, 'INVALID_CODE');
    });

    it('requires every search parameter but the practitioner, and NHSD-eRS-Comm-Rule-Org', async () => {
      expectOutcome(await c.g2('GET', `/Slot?schedule.actor%3AHealthcareService=${S.directlyBookable}`), 400, 'MISSING_PARAMETER');
      const { 'NHSD-eRS-Comm-Rule-Org': _r, ...noRule } = g2Headers();
      expectOutcome(await c.call('ers-a016-apim', 'GET', slotQuery(S.directlyBookable), { headers: noRule }), 400, 'MISSING_PARAMETER');
    });
  });

  describe('A016 book and defer with the API platform status mapping', () => {
    it('books: 201 with ETag; A038 reads it back; the shared world shows it on the legacy A005', async () => {
      const ubrn = c.freshUbrn();
      const slot = await c.takeSlot(S.directlyBookable);
      const res = await c.g2('POST', '/Appointment', { body: bookBody({ ubrn, slot, serviceId: S.directlyBookable }) });
      expect(res.status).toBe(201);
      expect(res.headers.get('etag')).toBe(`W/"${res.body.meta.versionId}"`);
      const read = await c.g2('GET', `/Appointment/${res.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);
      expect(read.headers.get('etag')).toBe(res.headers.get('etag'));
      expect((await c.g2('GET', `/Appointment/${res.body.id}/_history/${res.body.meta.versionId}`)).status).toBe(200);
      expectOutcome(await c.g2('GET', `/Appointment/${res.body.id}/_history/99`), 404, 'HISTORY_NOT_SUPPORTED');
      expectOutcome(await c.g2('GET', '/Appointment/1'), 404, 'REFERENCE_NOT_FOUND');
      expect(referralState((await c.referral(ubrn)).body)).toBe('BOOKED');
      const viaG2 = await c.g2('GET', `/ReferralRequest/${ubrn}`);
      expect(viaG2.headers.get('etag')).toBe(`W/"${viaG2.body.meta.versionId}"`);
    });

    it('409 VERSION_CONFLICT for a stale version', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      expectOutcome(await c.g2('POST', '/Appointment', { body: bookBody({ ubrn: c.freshUbrn(), version: 1, slot, serviceId: S.directlyBookable }) }), 409, 'VERSION_CONFLICT');
    });

    it('423 REFERRAL_LOCKED while another attempt holds the referral', async () => {
      const { first, second } = await lockRace(c, (body) => c.g2('POST', '/Appointment', { body }));
      expectOutcome(second, 423, 'REFERRAL_LOCKED');
      expectOutcome(await first, 504, 'PAS_NOT_RESPONDING');
    });

    it('502 PAS_RESPONDED_WITH_ERROR', async () => {
      const slot = await c.takeSlot(S.pasError);
      expectOutcome(await c.g2('POST', '/Appointment', { body: bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.pasError }) }), 502, 'PAS_RESPONDED_WITH_ERROR');
    });

    it('other business keys stay 422', async () => {
      const slot = await c.takeSlot(S.directlyBookable);
      expect((await c.g2('POST', '/Appointment', { body: bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }) })).status).toBe(201);
      expectOutcome(await c.g2('POST', '/Appointment', { body: bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }) }), 422, 'SLOT_NOT_AVAILABLE');
      expectOutcome(await c.g2('POST', '/Appointment', { body: deferBody({ ubrn: c.freshUbrn(), serviceId: S.directlyBookable, reason: 'NO_SLOTS_AT_SERVICE' }) }), 422, 'SLOTS_CURRENTLY_AVAILABLE');
    });

    it('TRIAGE deferral into a triage service is accepted; TRIAGE to a clinic is not', async () => {
      const ubrn = c.freshUbrn();
      const res = await c.g2('POST', '/Appointment', { body: deferBody({ ubrn, serviceId: S.triage, reason: 'TRIAGE' }) });
      expect(res.status).toBe(201);
      expect(res.body.reason[0].coding[0].code).toBe('TRIAGE');
      expect(referralState((await c.g2('GET', `/ReferralRequest/${ubrn}`)).body)).toBe('DEFERRED_TO_PROVIDER');
      expectOutcome(await c.g2('POST', '/Appointment', { body: deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'TRIAGE' }) }), 422, 'INAPPROPRIATE_VALUE');
    });
  });
});
