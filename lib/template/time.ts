// Time helpers for suites. All local times are Europe/London, written with their UTC offset
// (+00:00 in winter, +01:00 in summer), as the UK booking specs require.

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

/** An HTTP-date (RFC 9110 IMF-fixdate). */
export function httpDate(instant: Date): string {
  return instant.toUTCString();
}
