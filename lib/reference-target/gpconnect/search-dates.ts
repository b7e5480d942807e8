// Date search parameters: a comparison prefix, then `yyyy-mm-dd` or `yyyy-mm-ddThh:mm:ss+hh:mm` (UK offsets only).
import { addDays, londonInstant } from '../../common/london-time.ts';

const PARAM = /^(ge|le|gt|lt|eq|ne|sa|eb|ap)?(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\+0[01]:00))?$/;

export interface SearchDate {
  prefix: string | undefined;
  /** The calendar date as written. */
  date: string;
  /** True when only a date was given (no time part). */
  dateOnly: boolean;
  /** The instant the value starts at: midnight London for a date, else the given instant. */
  from: Date;
  /** The instant the value ends at: the next midnight for a date, else the given instant. */
  to: Date;
  /** The wall-clock reading as if it were UTC: spans are measured in calendar time, free of clock changes. */
  wallClockMs: number;
}

function validCalendarDate(y: number, m: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function parseSearchDate(value: string): SearchDate | undefined {
  const m = PARAM.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (!validCalendarDate(y, mo, d)) return undefined;
  const date = `${m[2]}-${m[3]}-${m[4]}`;
  if (m[5] === undefined) {
    return {
      prefix: m[1],
      date,
      dateOnly: true,
      from: londonInstant(date, 0, 0),
      to: londonInstant(addDays(date, 1), 0, 0),
      wallClockMs: Date.UTC(y, mo - 1, d),
    };
  }
  const [h, mi, s] = [Number(m[5]), Number(m[6]), Number(m[7])];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const instant = new Date(`${date}T${m[5]}:${m[6]}:${m[7]}${m[8]}`);
  return { prefix: m[1], date, dateOnly: false, from: instant, to: instant, wallClockMs: Date.UTC(y, mo - 1, d, h, mi, s) };
}
