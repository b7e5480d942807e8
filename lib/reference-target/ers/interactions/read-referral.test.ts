import { describe, expect, it } from 'vitest';
import { F, outcomeKey, referralState, useErsTarget } from '../../../testing/ers.ts';

describe('A005 retrieve referral (G1)', () => {
  const c = useErsTarget();

  it('returns a pool referral with ETag W/"n" equal to meta.versionId', async () => {
    const ubrn = c.freshUbrn();
    const res = await c.referral(ubrn);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(res.body.resourceType).toBe('ReferralRequest');
    expect(res.body.id).toBe(ubrn);
    expect(res.body.meta.versionId).toBe(String(F.referrals.poolVersion));
    expect(res.headers.get('etag')).toBe(`W/"${res.body.meta.versionId}"`);
    expect(res.body.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ReferralRequest-1']);
  });

  it('shows the shortlist, NOT_BOOKED state and commissioning rule org', async () => {
    const res = await c.referral(c.freshUbrn());
    expect(referralState(res.body)).toBe('NOT_BOOKED');
    const list = res.body.contained.find((r: any) => r.id === 'shortlist');
    const ids = list.entry.map((e: any) => e.item.identifier.value);
    expect(ids).toEqual(expect.arrayContaining([F.services.directlyBookable, F.services.indirectlyBookable, F.services.noSlots, F.services.pasTimeout]));
    expect(ids).not.toContain(F.services.notOnShortlist);
    const rule = res.body.extension.find((e: any) => e.url === 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Commissioning-Rule-Org-1');
    expect(rule.valueIdentifier).toEqual({ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: F.commissioningRuleOrg });
    expect(res.body.subject.identifier.value).toBe(F.patientNhsNumber);
  });

  it('shows the booked referral with its appointment reference', async () => {
    const res = await c.referral(F.referrals.booked);
    expect(res.status).toBe(200);
    expect(referralState(res.body)).toBe('BOOKED');
    expect(res.headers.get('etag')).toBe('W/"5"');
    const ref = res.body.extension.find((e: any) => e.url.endsWith('Extension-eRS-Appointment-Reference-1'));
    expect(ref.valueReference.reference).toMatch(/^Appointment\/\d+$/);
    const appt = res.body.contained.find((r: any) => r.resourceType === 'Appointment');
    expect(appt.status).toBe('booked');
    expect(appt.slot[0].reference).toMatch(/^Slot\/\d+$/);
  });

  it('shows the deferred referral as DEFERRED_TO_PROVIDER with its reason', async () => {
    const res = await c.referral(F.referrals.deferred);
    expect(referralState(res.body)).toBe('DEFERRED_TO_PROVIDER');
    const state = res.body.extension.find((e: any) => e.url.endsWith('Extension-eRS-ReferralState-1'));
    expect(state.extension.find((e: any) => e.url === 'reason').valueCoding.code).toBe('NO_SLOTS_AT_SERVICE');
  });

  it('reads the current version through _history and refuses any other', async () => {
    const ubrn = c.freshUbrn();
    expect((await c.g1('GET', `/ReferralRequest/${ubrn}/_history/3`)).status).toBe(200);
    const old = await c.g1('GET', `/ReferralRequest/${ubrn}/_history/2`);
    expect(old.status).toBe(404);
    expect(outcomeKey(old)).toBe('HISTORY_NOT_SUPPORTED');
  });

  it('answers 404 for an unknown UBRN and 403 without a legitimate relationship', async () => {
    const unknown = await c.referral(F.referrals.unknown);
    expect(unknown.status).toBe(404);
    expect(outcomeKey(unknown)).toBe('NO_SUCH_REQUEST');
    const other = await c.referral(F.referrals.noRelationship);
    expect(other.status).toBe(403);
    expect(outcomeKey(other)).toBe('NO_RELATIONSHIP');
  });

  it('refuses a request without a valid session (401 NO_ACCESS)', async () => {
    const res = await c.call('ers-a016', 'GET', `/ReferralRequest/${c.freshUbrn()}`, { headers: { XAPI_ASID: F.asid } });
    expect(res.status).toBe(401);
    expect(outcomeKey(res)).toBe('NO_ACCESS');
    const wrongAsid = await c.call('ers-a016', 'GET', `/ReferralRequest/${c.freshUbrn()}`, {
      headers: { XAPI_ASID: '999', HTTP_X_SESSION_KEY: F.sessionKeys.referringClinician },
    });
    expect(wrongAsid.status).toBe(401);
  });

  it('sends X_ERS_TRANSACTION_ID on legacy responses', async () => {
    const res = await c.referral(c.freshUbrn());
    expect(res.headers.get('x_ers_transaction_id')).toMatch(/^[0-9a-f-]{36}-1$/);
  });
});
