// Slots are published in UK local time with an explicit offset (+00:00 in winter, +01:00 in summer),
// the way a provider PAS in England would expose them.

const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' });
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Minutes east of UTC in London at this instant (0 or 60). */
export function londonOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name);
  if (!m || !m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** The London calendar date of an instant. */
export function londonDate(instant: Date): { year: number; month: number; day: number } {
  const [year, month, day] = dateFormat.format(instant).split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

/** The instant at which London wall-clock time reads the given date and time. */
export function londonWallClock(year: number, month: number, day: number, hour: number, minute: number): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let instant = asUtc - londonOffsetMinutes(new Date(asUtc)) * 60_000;
  // Near a clock change the first guess can use the wrong side's offset; one correction settles it.
  instant = asUtc - londonOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 in London local time with its offset, e.g. 2025-06-02T09:00:00+01:00. */
export function formatLondon(instant: Date): string {
  const offset = londonOffsetMinutes(instant);
  const local = new Date(instant.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Day of week (0 = Sunday) of a London calendar date. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The London calendar date n days after the given one. */
export function addDays(date: { year: number; month: number; day: number }, n: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
