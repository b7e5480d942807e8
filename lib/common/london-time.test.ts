import { describe, expect, it } from 'vitest';
import { formatLondonDateTime, londonDate, londonInstant, londonOffsetMinutes } from './london-time.ts';

describe('UK local time', () => {
  it('renders winter times with +00:00 and summer times with +01:00', () => {
    expect(formatLondonDateTime(new Date('2026-11-23T09:00:00Z'))).toBe('2026-11-23T09:00:00+00:00');
    expect(formatLondonDateTime(new Date('2026-06-15T08:30:00Z'))).toBe('2026-06-15T09:30:00+01:00');
  });

  it('switches offset at the clock changes', () => {
    expect(londonOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(0);
    expect(londonOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('finds the instant of a London wall-clock time on either side of a change', () => {
    expect(londonInstant('2026-10-23', 9, 0).toISOString()).toBe('2026-10-23T08:00:00.000Z');
    expect(londonInstant('2026-10-26', 9, 0).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('gives the London date, which differs from the UTC date late on summer evenings', () => {
    expect(londonDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
  });
});
