// UK local time helpers. GP Connect carries slot and appointment times as local wall-clock times with
// an explicit offset (+00:00 in winter, +01:00 in summer), so every instant is rendered through Europe/London.

const LONDON = 'Europe/London';
const DAY_MS = 86_400_000;

const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function londonWallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(londonFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallClockAsUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Minutes London is ahead of UTC at this instant: 0 or 60. */
export function londonOffsetMinutes(instant: Date): number {
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallClockAsUtcMs(londonWallClock(instant)) - wholeSecond) / 60_000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-11-23T09:00:00+00:00`: the form GP Connect uses for slot, appointment and metadata times. */
export function formatLondon(instant: Date): string {
  const w = londonWallClock(instant);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  return `${date}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${formatOffset(londonOffsetMinutes(instant))}`;
}

/** The London calendar date (yyyy-mm-dd) of an instant. */
export function londonDate(instant: Date): string {
  return formatLondon(instant).slice(0, 10);
}

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
