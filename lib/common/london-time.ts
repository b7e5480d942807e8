// London time, the one implementation: every UK booking spec writes local times with their UTC offset
// (+00:00 in winter, +01:00 in summer). Calendar dates are 'yyyy-mm-dd' strings.

const LONDON = 'Europe/London';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

interface LondonParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** e.g. '+01:00' */
  offset: string;
}

// formatToParts is slow and the same instants (slot times) are rendered over and over: remember them.
const PARTS_CACHE_LIMIT = 50_000;
const partsCache = new Map<number, Readonly<LondonParts>>();

export function londonParts(instant: Date): LondonParts {
  const key = instant.getTime();
  const known = partsCache.get(key);
  if (known) return { ...known };
  if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
  const parts = computeLondonParts(instant);
  partsCache.set(key, parts);
  return { ...parts };
}

function computeLondonParts(instant: Date): LondonParts {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const tz = parts['timeZoneName'] ?? 'GMT';
  const offset = tz === 'GMT' ? '+00:00' : tz.replace('GMT', '');
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
    offset,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** '2026-11-21T13:25:48+00:00' */
export function formatLondonDateTime(instant: Date): string {
  const p = londonParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.offset}`;
}

/** '2026-11-21' (the London calendar date) */
export function formatLondonDate(instant: Date): string {
  const p = londonParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Minutes London is ahead of UTC at an instant (0 or 60). */
export function londonOffsetMinutes(instant: Date): number {
  return offsetMinutes(londonParts(instant).offset);
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The instant at which London wall-clock time reads y-m-d h:min. */
export function londonWallClock(year: number, month: number, day: number, hour: number, minute: number): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = new Date(guess - offsetMinutes(londonParts(new Date(guess)).offset) * 60_000);
  // Near a transition the first guess may pick the other side's offset; one correction settles it.
  instant = new Date(guess - offsetMinutes(londonParts(instant).offset) * 60_000);
  return instant;
}

/** An HTTP-date (RFC 9110 IMF-fixdate). */
export function httpDate(instant: Date): string {
  return instant.toUTCString();
}

/** Kept at whole seconds so an HTTP-date (Last-Modified) can carry the instant exactly. */
export function wholeSeconds(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

const DAY_MS = 86_400_000;

export const DAYS = (n: number): number => n * DAY_MS;

function ymd(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** The London calendar date (yyyy-mm-dd) of an instant. */
export const londonDate = formatLondonDate;

/** The instant at which London clocks show this calendar date and time. */
export function londonInstant(date: string, hour: number, minute: number): Date {
  const [y, m, d] = ymd(date);
  return londonWallClock(y, m, d, hour, minute);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday to Friday. */
export function isWorkingDay(date: string): boolean {
  const [y, m, d] = ymd(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow >= 1 && dow <= 5;
}

/** The wall-clock part of a dateTime, its offset dropped (what a provider that forgets the zone sends). */
export function withoutOffset(dateTime: string): string {
  return dateTime.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
}
