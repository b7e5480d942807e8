import { isValidNhsNumber } from '../../common/nhs-number.ts';
import type { PackContext } from '../types.ts';
import { GpcError } from './outcome.ts';

export function requireValidNhsNumber(value: string, ctx: PackContext): void {
  if (!isValidNhsNumber(value) && !ctx.faults.has('gpc-invalid-nhs-number-accepted')) {
    throw new GpcError('INVALID_NHS_NUMBER', `${value} is not a valid NHS number`);
  }
}
