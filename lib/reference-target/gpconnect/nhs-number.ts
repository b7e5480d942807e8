import { isValidNhsNumber } from '../../common/nhs-number.ts';
import type { GpcContext } from './context.ts';
import { GpcError } from './outcome.ts';

export function requireValidNhsNumber(value: string, ctx: GpcContext): void {
  if (!isValidNhsNumber(value) && !ctx.fault('gpc-invalid-nhs-number-accepted')) {
    throw new GpcError('INVALID_NHS_NUMBER', `${value} is not a valid NHS number`);
  }
}
