import { describe, expect, it } from 'vitest';
import { ersFixtures as F, ersReferralPool, poolUbrn, shortlistServiceIds } from './fixtures.ts';
import { buildWorld } from './world.ts';
import { formatLondonDateTime, londonWallClock } from '../../common/london-time.ts';
import { DEFAULT_PAS_WINDOW_MS, SimulatedPas } from './pas.ts';

const NOW = new Date('2025-06-02T08:00:00Z');

describe('the seeded e-RS world', () => {
  it('has a pool of at least 600 unbooked referrals in a simple UBRN sequence', () => {
    const pool = ersReferralPool();
    expect(pool).toEqual({ from: '000000070000', count: F.referrals.pool.count });
    expect(pool.count).toBeGreaterThanOrEqual(600);
    expect(poolUbrn(0)).toBe('000000070000');
    expect(poolUbrn(599)).toBe('000000070599');
    expect(() => poolUbrn(pool.count)).toThrow(RangeError);
    const world = buildWorld(1, NOW);
    for (const i of [0, 1, 300, pool.count - 1]) {
      const r = world.referrals.get(poolUbrn(i));
      expect(r).toMatchObject({ state: 'NOT_BOOKED', version: F.referrals.poolVersion, shortlist: shortlistServiceIds });
    }
  });

  it('keeps the anchors whatever the seed, while slot ids move', () => {
    const a = buildWorld(1, NOW);
    const b = buildWorld(99, NOW);
    for (const w of [a, b]) {
      expect(w.referrals.get(F.referrals.booked)?.state).toBe('BOOKED');
      expect(w.referrals.get(F.referrals.deferred)?.state).toBe('DEFERRED_TO_PROVIDER');
      expect(w.referrals.has(F.referrals.unknown)).toBe(false);
      expect(w.service(F.services.unknown)).toBeUndefined();
      expect(w.freeSlotsOf(F.services.noSlots, NOW)).toHaveLength(0);
      expect(w.freeSlotsOf(F.services.directlyBookable, NOW).length).toBeGreaterThan(300);
      expect(w.freeSlotsOf(F.services.namedClinician, NOW, F.namedClinicianSdsId).length).toBeGreaterThan(50);
    }
    expect(a.slotsOf(F.services.directlyBookable)[0]?.id).not.toBe(b.slotsOf(F.services.directlyBookable)[0]?.id);
    expect(buildWorld(1, NOW).slotsOf(F.services.pasError).map((s) => s.id)).toEqual(a.slotsOf(F.services.pasError).map((s) => s.id));
  });

  it('gives every slot a unique USRN and a start in the future, on weekdays only', () => {
    const world = buildWorld(3, NOW);
    const slots = [...world.slots.values()];
    expect(new Set(slots.map((s) => s.usrn)).size).toBe(slots.length);
    for (const s of slots) {
      expect(s.start.getTime()).toBeGreaterThan(NOW.getTime());
      expect([1, 2, 3, 4, 5]).toContain(new Date(s.startText.slice(0, 10)).getUTCDay());
    }
  });

  it('converts London wall-clock times across the clock changes', () => {
    expect(formatLondonDateTime(londonWallClock(2025, 3, 28, 9, 0))).toBe('2025-03-28T09:00:00+00:00');
    expect(formatLondonDateTime(londonWallClock(2025, 3, 31, 9, 0))).toBe('2025-03-31T09:00:00+01:00');
    expect(londonWallClock(2025, 10, 27, 9, 0).toISOString()).toBe('2025-10-27T09:00:00.000Z');
  });

  it('takes the PAS window from the options, defaulting to two minutes', () => {
    expect(SimulatedPas.fromOptions({}).windowMs).toBe(DEFAULT_PAS_WINDOW_MS);
    expect(DEFAULT_PAS_WINDOW_MS).toBe(120_000);
    expect(SimulatedPas.fromOptions({ ersPasWindowMs: 250 }).windowMs).toBe(250);
    expect(SimulatedPas.fromOptions({ ersPasWindowMs: '400' }).windowMs).toBe(400);
  });
});
