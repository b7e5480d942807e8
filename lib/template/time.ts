// Time placeholders for suites: offsets such as +1d and London day specs such as +1wd@09:00.

import { londonParts, londonWallClock } from '../common/london-time.ts';


const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses '+1d', '-5m', '+300s'; undefined when malformed. */
export function parseOffset(text: string): number | undefined {
  const m = /^([+-])(\d+)([smhd])$/.exec(text.trim());
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * UNIT_MS[m[3]!]!;
}

/** Calendar days to move to reach the n-th working day (Monday to Friday) from a date. */
function workingDaysToCalendarDays(year: number, month: number, day: number, n: number): number {
  const step = n < 0 ? -1 : 1;
  let moved = 0;
  for (let left = Math.abs(n); left > 0; ) {
    moved += step;
    const weekday = new Date(Date.UTC(year, month - 1, day + moved)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return moved;
}

/**
 * '+1d@09:00' → the London wall-clock time 09:00 on the day that is one day after the run's clock;
 * '+1wd@09:00' → on the next working day (Monday to Friday). Day offsets move the calendar date,
 * so the wall-clock time survives a DST change.
 */
export function londonDayAt(clock: Date, spec: string): Date | undefined {
  const m = /^(?:([+-]\d+)(d|wd))?(?:@(\d\d):(\d\d))?$/.exec(spec.trim());
  if (!m || (!m[1] && !m[3])) return undefined;
  const today = londonParts(clock);
  const n = m[1] ? Number(m[1]) : 0;
  const days = m[2] === 'wd' ? workingDaysToCalendarDays(today.year, today.month, today.day, n) : n;
  const base = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  const hour = m[3] ? Number(m[3]) : today.hour;
  const minute = m[4] ? Number(m[4]) : today.minute;
  return londonWallClock(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), hour, minute);
}

