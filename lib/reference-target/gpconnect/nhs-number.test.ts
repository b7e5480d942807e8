import { describe, expect, it } from 'vitest';
import { GPC_FIXTURES } from './fixtures.ts';
import { isValidNhsNumber, nhsCheckDigit } from '../../common/nhs-number.ts';

describe('NHS number check digit', () => {
  it('accepts well-known valid numbers and every fixture number meant to be valid', () => {
    const f = GPC_FIXTURES;
    const valid = [
      '9434765919', // the NHS Digital worked example
      ...f.registeredPatients.map((p) => p.nhsNumber),
      f.inactivePatient.nhsNumber,
      ...f.reactivatablePatients.map((p) => p.nhsNumber),
      ...f.registrableNhsNumbers,
      f.pdsTracedPatient.nhsNumber,
      f.deceasedNhsNumber,
      f.sensitiveNhsNumber,
      f.supersededNhsNumber,
      f.pdsUnavailableNhsNumber,
    ];
    for (const n of valid) expect(isValidNhsNumber(n), n).toBe(true);
  });

  it('refuses a wrong check digit, a wrong length, letters, and numbers whose check digit would be 10', () => {
    expect(isValidNhsNumber(GPC_FIXTURES.invalidNhsNumber)).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347A5919')).toBe(false);
    const tenth = Array.from({ length: 1000 }, (_, i) => `999000${String(i).padStart(3, '0')}`).find((nine) => nhsCheckDigit(nine) === undefined)!;
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`${tenth}${d}`)).toBe(false);
  });
});
