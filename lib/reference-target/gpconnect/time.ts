// UK local time helpers. GP Connect carries slot and appointment times as local wall-clock times with
// an explicit offset (+00:00 in winter, +01:00 in summer), so every instant is rendered through Europe/London.

import { formatLondonDate, formatLondonDateTime, londonOffsetMinutes } from '../../template/time.ts';

export { londonOffsetMinutes };

const DAY_MS = 86_400_000;

/** `2026-11-23T09:00:00+00:00`: the form GP Connect uses for slot, appointment and metadata times. */
export const formatLondon = formatLondonDateTime;

/** The London calendar date (yyyy-mm-dd) of an instant. */
export const londonDate = formatLondonDate;

/** London's offset is looked up once per date and hour: world building asks for thousands of slot times. */
const offsetCache = new Map<string, number>();

/** The instant at which London clocks show this date and time (never near a clock change for clinic hours). */
export function londonInstant(date: string, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const key = `${date}T${hour}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = londonOffsetMinutes(new Date(Date.UTC(y, m - 1, d, hour)));
    offsetCache.set(key, offset);
  }
  return new Date(guess - offset * 60_000);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow >= 1 && dow <= 5;
}

/** meta.lastUpdated is kept at whole seconds so Last-Modified (an HTTP-date) can carry it exactly. */
export function wholeSeconds(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

export function httpDate(instant: Date): string {
  return instant.toUTCString();
}

export const DAYS = (n: number): number => n * DAY_MS;
