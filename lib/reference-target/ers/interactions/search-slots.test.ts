import { describe, expect, it } from 'vitest';
import { ErsClient, F, outcomeKey, useErsTarget, type ClientResponse } from '../../../testing/ers.ts';

const S = F.services;

function search(c: ErsClient, params: Record<string, string>, headers?: Record<string, string>, session?: string): Promise<ClientResponse> {
  return c.g1('GET', `/Slot?${new URLSearchParams(params).toString()}`, { ...(headers ? { headers } : {}), ...(session ? { session } : {}) });
}

const slotsOf = (r: ClientResponse) => r.body.entry.filter((e: any) => e.resource.resourceType === 'Slot');
const schedulesOf = (r: ClientResponse) => r.body.entry.filter((e: any) => e.resource.resourceType === 'Schedule');
const link = (r: ClientResponse, rel: string): string | undefined => r.body.link.find((l: any) => l.relation === rel)?.url;

describe('A015 retrieve appointment slots (G1)', () => {
  const c = useErsTarget();

  it('returns a searchset of free Slots and their Schedules with the documented shapes', async () => {
    const res = await search(c, { 'schedule.actor:HealthcareService': S.directlyBookable, appointmentType: 'ROUTINE', status: 'free', _count: '5' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', meta: { profile: ['http://hl7.org/fhir/STU3/StructureDefinition/Bundle'] } });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.total).toBeGreaterThan(300);
    const slots = slotsOf(res);
    expect(slots).toHaveLength(5);
    for (const e of slots) {
      expect(e.search.mode).toBe('match');
      expect(e.fullUrl).toBe(`${c.ref.bases['ers-a016']}/Slot/${e.resource.id}`);
      expect(e.resource.meta.profile).toEqual(['https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Slot-1']);
      expect(e.resource.identifier).toHaveLength(1);
      expect(e.resource.identifier[0].system).toBe('https://fhir.nhs.uk/Id/alternative-slot');
      expect(e.resource.status).toBe('free');
      expect(e.resource.schedule.reference).toBe(`Schedule/${S.directlyBookable}`);
      expect(e.resource.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(Date.parse(e.resource.end)).toBeGreaterThan(Date.parse(e.resource.start));
    }
    const schedules = schedulesOf(res);
    expect(schedules).toHaveLength(1);
    expect(schedules[0].search.mode).toBe('include');
    expect(schedules[0].resource).toMatchObject({
      resourceType: 'Schedule',
      id: S.directlyBookable,
      meta: { profile: ['https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Schedule-1'] },
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ers-schedule', value: S.directlyBookable }],
      actor: [{ identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: S.directlyBookable } }],
    });
  });

  it('pages with self/next/previous links; self keeps recognised params, drops others and always includes Slot:schedule', async () => {
    const params = { 'schedule.actor:HealthcareService': S.directlyBookable, appointmentType: 'ROUTINE', status: 'free', _count: '5', bogus: 'x' };
    const p1 = await search(c, params);
    const self = link(p1, 'self') ?? '';
    expect(self).toContain('_include=Slot%3Aschedule');
    expect(self).toContain('schedule.actor%3AHealthcareService=70000');
    expect(self).toContain('_count=5');
    expect(self).toContain('page=1');
    expect(self).not.toContain('bogus');
    expect(link(p1, 'previous')).toBeUndefined();
    expect(link(p1, 'next')).toBe(self.replace('page=1', 'page=2'));

    const p2 = await search(c, { ...params, page: '2' });
    expect(link(p2, 'previous')).toBe(self);
    const ids1 = slotsOf(p1).map((e: any) => e.resource.id);
    const ids2 = slotsOf(p2).map((e: any) => e.resource.id);
    expect(ids2.filter((id: string) => ids1.includes(id))).toEqual([]);

    const last = Math.ceil(p1.body.total / 5);
    const pLast = await search(c, { ...params, page: String(last) });
    expect(pLast.status).toBe(200);
    expect(link(pLast, 'next')).toBeUndefined();
  });

  it('answers an empty searchset for a service without slots', async () => {
    const res = await search(c, { 'schedule.actor:HealthcareService': S.noSlots, status: 'free' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    expect(res.body.entry).toEqual([]);
    expect(res.body.link.map((l: any) => l.relation)).toEqual(['self']);
  });

  it('filters by named clinician and names the schedule {service}-{clinician}', async () => {
    const res = await search(c, { 'schedule.actor:HealthcareService': S.namedClinician, 'schedule.actor:Practitioner': F.namedClinicianSdsId, _count: '50' });
    expect(res.status).toBe(200);
    const schedule = `${S.namedClinician}-${F.namedClinicianSdsId}`;
    for (const e of slotsOf(res)) expect(e.resource.schedule.reference).toBe(`Schedule/${schedule}`);
    const [sched] = schedulesOf(res);
    expect(sched.resource.id).toBe(schedule);
    expect(sched.resource.actor[1]).toEqual({ identifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: F.namedClinicianSdsId } });
    expect(link(res, 'self')).toContain('schedule.actor%3APractitioner=' + F.namedClinicianSdsId);
  });

  it.each([
    ['unknown service', { 'schedule.actor:HealthcareService': S.unknown }, 'NO_SUCH_SERVICE'],
    ['retired service', { 'schedule.actor:HealthcareService': S.retired }, 'SERVICE_UNAVAILABLE'],
    ['indirectly bookable service', { 'schedule.actor:HealthcareService': S.indirectlyBookable }, 'INVALID_STATE'],
    ['triage service', { 'schedule.actor:HealthcareService': S.triage }, 'INVALID_STATE'],
    ['status not a code', { 'schedule.actor:HealthcareService': S.directlyBookable, status: 'open' }, 'INVALID_CODE'],
    ['status not free', { 'schedule.actor:HealthcareService': S.directlyBookable, status: 'busy' }, 'INVALID_VALUE'],
    ['_count 0', { 'schedule.actor:HealthcareService': S.directlyBookable, _count: '0' }, 'INVALID_VALUE'],
    ['_count 101', { 'schedule.actor:HealthcareService': S.directlyBookable, _count: '101' }, 'INVALID_VALUE'],
    ['page 0', { 'schedule.actor:HealthcareService': S.directlyBookable, page: '0' }, 'INVALID_VALUE'],
    ['page beyond the last', { 'schedule.actor:HealthcareService': S.directlyBookable, _count: '100', page: '50' }, 'INVALID_VALUE'],
    ['practitioner not of the service', { 'schedule.actor:HealthcareService': S.namedClinician, 'schedule.actor:Practitioner': F.otherClinicianSdsId }, 'INVALID_VALUE'],
    ['priority not a code', { 'schedule.actor:HealthcareService': S.directlyBookable, appointmentType: 'SOON' }, 'INVALID_CODE'],
    ['no service', { status: 'free' }, 'MISSING_PARAMETER'],
  ])('rejects %s with 422 %s', async (_name, params, key) => {
    const res = await search(c, params as Record<string, string>);
    expect(res.status).toBe(422);
    expect(outcomeKey(res)).toBe(key);
    expect(res.body.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1']);
    expect(res.body.issue[0].severity).toBe('error');
    expect(res.body.issue[0].details.coding[0].system).toBe('https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1');
    expect(res.body.issue[0].diagnostics).toEqual(expect.any(String));
  });

  it('an empty result on page 2 is an error, not an empty bundle', async () => {
    const res = await search(c, { 'schedule.actor:HealthcareService': S.noSlots, page: '2' });
    expect(res.status).toBe(422);
    expect(outcomeKey(res)).toBe('INVALID_VALUE');
  });

  it('requires the commissioning rule org header, and a referring organisation in it', async () => {
    const params = new URLSearchParams({ 'schedule.actor:HealthcareService': S.directlyBookable }).toString();
    const missing = await c.call('ers-a016', 'GET', `/Slot?${params}`, {
      headers: { XAPI_ASID: F.asid, HTTP_X_SESSION_KEY: F.sessionKeys.referringClinician },
    });
    expect(missing.status).toBe(422);
    expect(outcomeKey(missing)).toBe('MISSING_PARAMETER');
    const notReferring = await search(c, { 'schedule.actor:HealthcareService': S.directlyBookable }, { 'X-ERS-XAPI-COMM-RULE-ORG': F.nonReferringOrg });
    expect(notReferring.status).toBe(422);
    expect(outcomeKey(notReferring)).toBe('INVALID_VALUE');
  });

  it('refuses a user without a referring business function', async () => {
    const res = await search(c, { 'schedule.actor:HealthcareService': S.directlyBookable }, undefined, F.sessionKeys.serviceProviderClinician);
    expect(res.status).toBe(403);
    expect(outcomeKey(res)).toBe('FORBIDDEN');
  });

  it('the referring clinician admin may search too', async () => {
    const res = await search(c, { 'schedule.actor:HealthcareService': S.directlyBookable }, undefined, F.sessionKeys.referringClinicianAdmin);
    expect(res.status).toBe(200);
  });
});

describe('A015 times are UK local with the right offset', () => {
  // Six weeks from mid-March cross the clock change at the end of March.
  const c = useErsTarget({ now: () => new Date('2025-03-14T12:00:00Z') });

  it('uses +00:00 before the clock change and +01:00 after, slots at 10:00 local', async () => {
    const res = await search(c, { 'schedule.actor:HealthcareService': S.pasTimeout, _count: '100' });
    const starts: string[] = slotsOf(res).map((e: any) => e.resource.start);
    expect(starts).toContain('2025-03-17T10:00:00+00:00');
    expect(starts).toContain('2025-03-31T10:00:00+01:00');
    expect(starts.every((s) => s.slice(11, 13) >= '10' && s.slice(11, 13) < '12')).toBe(true);
    expect(Date.parse('2025-03-31T10:00:00+01:00')).toBe(Date.parse('2025-03-31T09:00:00Z'));
  });
});
