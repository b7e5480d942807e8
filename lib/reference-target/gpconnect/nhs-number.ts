import type { PackContext } from '../types.ts';
import { GpcError } from './outcome.ts';

// NHS number check-digit rule (modulus 11): weights 10..2 over the first nine digits,
// check digit = 11 - (sum mod 11), where 11 becomes 0 and 10 means the number can never be valid.

export function nhsCheckDigit(firstNine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

export function requireValidNhsNumber(value: string, ctx: PackContext): void {
  if (!isValidNhsNumber(value) && !ctx.faults.has('gpc-invalid-nhs-number-accepted')) {
    throw new GpcError('INVALID_NHS_NUMBER', `${value} is not a valid NHS number`);
  }
}
