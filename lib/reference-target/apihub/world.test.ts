// The federated world as decisions.md and the README describe it, so flow suites can rely on it: where the
// earliest free slot is, where each patient has a record, and the practice with an empty first week.
import { describe, expect, it } from 'vitest';
import { addDays, formatLondonDateTime, isWorkingDay, londonDate } from '../../common/london-time.ts';
import type { PackContext } from '../types.ts';
import { APIHUB_FIXTURES } from './fixtures.ts';
import { buildFederation } from './world.ts';

const NOW = new Date('2026-12-02T14:00:00Z');
const ctx = (seed: number): PackContext => ({ faults: new Set(), liberties: new Set(), now: () => NOW, seed, options: {} });

function firstWorkingDayFrom(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

describe('the federated API Hub world', () => {
  it.each([1, 2, 3, 42])('(seed %i) has its earliest free slot from tomorrow at A81002, 07:30 on the first working day', (seed) => {
    const federation = buildFederation(ctx(seed));
    const tomorrow = addDays(londonDate(NOW), 1);
    const earliest = [...federation.values()]
      .flatMap((p) => [...p.world.slots.values()].filter((s) => s.status === 'free' && londonDate(s.start) >= tomorrow).map((s) => ({ ods: p.def.ods, start: s.start })))
      .sort((a, b) => a.start.getTime() - b.start.getTime())[0]!;
    expect(earliest.ods).toBe('A81002');
    expect(formatLondonDateTime(earliest.start).slice(0, 16)).toBe(`${firstWorkingDayFrom(tomorrow)}T07:30`);
  });

  it('gives A81003 no slot before a week from today, and slots after it', () => {
    const a81003 = buildFederation(ctx(1)).get('A81003')!;
    const starts = [...a81003.world.slots.values()].map((s) => londonDate(s.start));
    expect(starts.every((d) => d >= addDays(londonDate(NOW), 7))).toBe(true);
    expect(starts.length).toBeGreaterThan(0);
  });

  it('registers each patient at the practices the fixtures say, with that practice\'s own logical ids', () => {
    const federation = buildFederation(ctx(1));
    const where = (nhs: string) => [...federation.values()].filter((p) => p.world.patientByNhsNumber(nhs)).map((p) => p.def.ods);
    expect(where(APIHUB_FIXTURES.registeredEverywhere)).toEqual(['A81001', 'A81002', 'A81003']);
    expect(where(APIHUB_FIXTURES.registeredOnlyAtA81002)).toEqual(['A81002']);
    expect(where(APIHUB_FIXTURES.registeredAtA81001AndA81003)).toEqual(['A81001', 'A81003']);
    expect(where(APIHUB_FIXTURES.unregisteredNhsNumber)).toEqual([]);
    for (const nhs of APIHUB_FIXTURES.registrableNhsNumbers) expect(where(nhs)).toEqual([]);
    const ids = [...federation.values()].map((p) => p.world.patientByNhsNumber(APIHUB_FIXTURES.registeredEverywhere)!.id);
    expect(ids).toEqual(['101', '201', '301']);
  });

  it('lists the practices as targets.yaml does', () => {
    expect(APIHUB_FIXTURES.practices).toEqual([
      { ods: 'A81001', base: '/apihub/A81001/fhir' },
      { ods: 'A81002', base: '/apihub/A81002/fhir' },
      { ods: 'A81003', base: '/apihub/A81003/fhir' },
    ]);
  });
});
