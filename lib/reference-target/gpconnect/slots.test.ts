import { describe, expect, it } from 'vitest';
import { GPC_FIXTURES, ODS_ORG_SYSTEM } from './fixtures.ts';
import { freeSlotQuery, resourcesOf, spineCode, startGpcTarget, useGpcTarget, type GpcResponse } from '../../testing/gpconnect.ts';

const NOW = new Date('2026-11-20T10:00:00Z'); // Friday, GMT
const MONDAY = '2026-11-23';

const live = useGpcTarget(() => NOW);

const search = (query: string | URLSearchParams): Promise<GpcResponse> => live.client.call('search-slots', { query });
const typeFilter = (type: string): string => `${GPC_FIXTURES.orgTypeSystem}|${type}`;

describe('search for free slots (faithful)', () => {
  it('returns free slots of the day in UK local time, their schedules and organisations', async () => {
    const res = await search(freeSlotQuery(MONDAY, MONDAY));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.type).toBe('searchset');
    const slots = resourcesOf(res.body, 'Slot');
    expect(slots.length).toBeGreaterThanOrEqual(45); // >= 15 per practice
    for (const slot of slots) {
      expect(slot.status).toBe('free');
      expect(slot.start).toMatch(/^2026-11-23T\d\d:\d\d:00\+00:00$/);
      expect(slot.serviceType[0].text).toBeTruthy();
      expect(slot.extension[0].valueCode).not.toBe('Visit');
      expect(slot.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Slot-1']);
    }
    const schedules = resourcesOf(res.body, 'Schedule');
    expect(new Set(slots.map((s) => s.schedule.reference))).toEqual(new Set(schedules.map((s) => `Schedule/${s.id}`)));
    expect(resourcesOf(res.body, 'Organization').map((o) => o.identifier[0].value).sort()).toEqual([...GPC_FIXTURES.odsCodes]);
    expect(resourcesOf(res.body, 'Practitioner')).toHaveLength(0);
    expect(resourcesOf(res.body, 'Location')).toHaveLength(0);
  });

  it('has at least 15 free bookable slots per practice per working day', async () => {
    const res = await search(freeSlotQuery(MONDAY, MONDAY, { '_include:recurse': 'Schedule:actor:Location' }));
    const schedules = resourcesOf(res.body, 'Schedule');
    const locations = resourcesOf(res.body, 'Location');
    const perPractice = new Map<string, number>();
    for (const slot of resourcesOf(res.body, 'Slot')) {
      const schedule = schedules.find((s) => `Schedule/${s.id}` === slot.schedule.reference);
      const locationRef = schedule.actor.find((a: { reference: string }) => a.reference.startsWith('Location/')).reference;
      const practice = locations.find((l) => `Location/${l.id}` === locationRef).managingOrganization.reference;
      perPractice.set(practice, (perPractice.get(practice) ?? 0) + 1);
    }
    expect([...perPractice.values()].every((n) => n >= 15)).toBe(true);
    expect(perPractice.size).toBe(3);
  });

  it('includes Practitioner and Location only when _include:recurse asks', async () => {
    const res = await search(freeSlotQuery(MONDAY, MONDAY, { '_include:recurse': 'Schedule:actor:Practitioner' }));
    expect(resourcesOf(res.body, 'Practitioner').length).toBeGreaterThan(0);
    expect(resourcesOf(res.body, 'Location')).toHaveLength(0);
    const both = freeSlotQuery(MONDAY, MONDAY, { '_include:recurse': 'Schedule:actor:Location' });
    both.append('_include:recurse', 'Schedule:actor:Practitioner');
    const res2 = await search(both);
    expect(resourcesOf(res2.body, 'Location').length).toBeGreaterThan(0);
    expect(resourcesOf(res2.body, 'Location')[0].managingOrganization.reference).toMatch(/^Organization\/\d$/);
  });

  it('offers slots held for a booking organisation type or ODS code only when the searchFilter names it', async () => {
    const plain = resourcesOf((await search(freeSlotQuery(MONDAY, MONDAY))).body, 'Slot');
    expect(plain.some((s) => s.start.slice(11, 16) === GPC_FIXTURES.slotRules.orgTypeHeldSlotTime)).toBe(false);
    expect(plain.some((s) => s.start.slice(11, 16) === GPC_FIXTURES.slotRules.odsHeldSlotTime)).toBe(false);
    const urgent = resourcesOf((await search(freeSlotQuery(MONDAY, MONDAY, { searchFilter: typeFilter('urgent-care') }))).body, 'Slot');
    expect(urgent.some((s) => s.start.slice(11, 16) === GPC_FIXTURES.slotRules.orgTypeHeldSlotTime)).toBe(true);
    const neighbour = resourcesOf((await search(freeSlotQuery(MONDAY, MONDAY, { searchFilter: `${ODS_ORG_SYSTEM}|A81002` }))).body, 'Slot');
    expect(neighbour.some((s) => s.start.slice(11, 16) === GPC_FIXTURES.slotRules.odsHeldSlotTime)).toBe(true);
  });

  it('ignores a searchFilter in an unknown system', async () => {
    const res = await search(freeSlotQuery(MONDAY, MONDAY, { searchFilter: 'https://example.org/unknown|x' }));
    expect(res.status).toBe(200);
    expect(resourcesOf(res.body, 'Slot').length).toBeGreaterThan(0);
  });

  it('returns only slots wholly inside a date-time range', async () => {
    const res = await search(freeSlotQuery('2026-11-23T09:05:00+00:00', '2026-11-23T10:00:00+00:00'));
    expect(res.status).toBe(200);
    const slots = resourcesOf(res.body, 'Slot');
    expect(slots.length).toBeGreaterThan(0);
    for (const s of slots) {
      expect(Date.parse(s.start)).toBeGreaterThanOrEqual(Date.parse('2026-11-23T09:05:00Z'));
      expect(Date.parse(s.end)).toBeLessThanOrEqual(Date.parse('2026-11-23T10:00:00Z'));
    }
  });

  it('answers an empty searchset Bundle for a weekend', async () => {
    const res = await search(freeSlotQuery('2026-11-21', '2026-11-22'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 0 });
    expect(res.body.entry).toBeUndefined();
  });

  it('never offers slots that have already started', async () => {
    const res = await search(freeSlotQuery('2026-11-20', '2026-11-20'));
    for (const s of resourcesOf(res.body, 'Slot')) expect(Date.parse(s.start)).toBeGreaterThan(NOW.getTime());
  });

  it('accepts a range of exactly 14 days and refuses 15 with 422 INVALID_PARAMETER', async () => {
    expect((await search(freeSlotQuery('2026-11-20', '2026-12-04'))).status).toBe(200);
    const res = await search(freeSlotQuery('2026-11-20', '2026-12-05'));
    expect(res.status).toBe(422);
    expect(spineCode(res)).toBe('INVALID_PARAMETER');
  });

  it.each([
    ['start', 'start=ge2026-11-23', 'end=le2026-11-23&status=free&_include=Slot:schedule'],
    ['end', 'end=le2026-11-23', 'start=ge2026-11-23&status=free&_include=Slot:schedule'],
    ['status', 'status=free', 'start=ge2026-11-23&end=le2026-11-23&_include=Slot:schedule'],
    ['_include=Slot:schedule', '_include=Slot:schedule', 'start=ge2026-11-23&end=le2026-11-23&status=free'],
  ])('answers 400 BAD_REQUEST without %s', async (_name, _missing, query) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(spineCode(res)).toBe('BAD_REQUEST');
  });

  it.each([
    ['status=busy', 'start=ge2026-11-23&end=le2026-11-23&status=busy&_include=Slot:schedule'],
    ['start without a prefix', 'start=2026-11-23&end=le2026-11-23&status=free&_include=Slot:schedule'],
    ['start with gt', 'start=gt2026-11-23&end=le2026-11-23&status=free&_include=Slot:schedule'],
    ['end with lt', 'start=ge2026-11-23&end=lt2026-11-24&status=free&_include=Slot:schedule'],
    ['a partial date', 'start=ge2026-11&end=le2026-11-24&status=free&_include=Slot:schedule'],
    ['a time in UTC (Z)', 'start=ge2026-11-23T09:00:00Z&end=le2026-11-24&status=free&_include=Slot:schedule'],
    ['an offset other than +00:00/+01:00', `start=${encodeURIComponent('ge2026-11-23T09:00:00+02:00')}&end=le2026-11-24&status=free&_include=Slot:schedule`],
    ['an impossible date', 'start=ge2026-02-30&end=le2026-03-02&status=free&_include=Slot:schedule'],
    ['end before start', 'start=ge2026-11-24&end=le2026-11-23&status=free&_include=Slot:schedule'],
    ['start given twice', 'start=ge2026-11-23&start=ge2026-11-24&end=le2026-11-24&status=free&_include=Slot:schedule'],
  ])('answers 422 INVALID_PARAMETER for %s', async (_name, query) => {
    const res = await search(query);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(spineCode(res)).toBe('INVALID_PARAMETER');
  });
});

describe('UK local time across the October clock change', () => {
  it('renders summer slots with +01:00 and winter slots with +00:00', async () => {
    const autumn = await startGpcTarget({ now: () => new Date('2026-10-21T08:00:00Z') });
    try {
      const res = await autumn.client.call('search-slots', { query: freeSlotQuery('2026-10-22', '2026-10-27') });
      const starts = resourcesOf(res.body, 'Slot').map((s) => s.start as string);
      expect(starts.filter((s) => s.startsWith('2026-10-23')).every((s) => s.endsWith('+01:00'))).toBe(true);
      expect(starts.filter((s) => s.startsWith('2026-10-26')).every((s) => s.endsWith('+00:00'))).toBe(true);
      expect(starts.some((s) => s.startsWith('2026-10-23T09:'))).toBe(true);
      expect(starts.some((s) => s.startsWith('2026-10-26T09:'))).toBe(true);
      expect(starts.every((s) => Number(s.slice(11, 13)) >= 9 && Number(s.slice(11, 13)) < 15)).toBe(true);
    } finally {
      await autumn.close();
    }
  });
});
