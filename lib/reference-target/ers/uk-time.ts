// Slots are published in UK local time with an explicit offset (+00:00 in winter, +01:00 in summer),
// the way a provider PAS in England would expose them. The arithmetic is the project's one
// implementation in lib/template/time.ts; this file only adapts it to dates as {year, month, day}.

import { formatLondonDateTime, londonOffsetMinutes, londonParts, londonWallClock } from '../../template/time.ts';

export { londonOffsetMinutes, londonWallClock };

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The London calendar date of an instant. */
export function londonDate(instant: Date): CalendarDate {
  const { year, month, day } = londonParts(instant);
  return { year, month, day };
}

/** ISO 8601 in London local time with its offset, e.g. 2025-06-02T09:00:00+01:00. */
export const formatLondon = formatLondonDateTime;

/** Day of week (0 = Sunday) of a London calendar date. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The London calendar date n days after the given one. */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The wall-clock part of a dateTime, its offset dropped (what a provider that forgets the zone sends). */
export function withoutOffset(dateTime: string): string {
  return dateTime.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
}
