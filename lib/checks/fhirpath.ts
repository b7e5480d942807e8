import { bodyObject, CheckToolError, fail, isVerdict, pass, type CheckFn } from './types.ts';

const MAX_SHOWN = 300;

function show(result: unknown[]): string {
  const text = JSON.stringify(result);
  return text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + '…' : text;
}

/** An assertion holds when the expression evaluates to exactly [true]. */
export const checkFhirPath: CheckFn<'fhirpath'> = (spec, input) => {
  const { expression, compiled, description } = spec.assertion;
  const label = description ? `${description} (${expression})` : expression;
  const body = bodyObject(input, `FHIRPath ${expression}`);
  if (isVerdict(body)) return body;
  let result: unknown[];
  try {
    result = compiled(body, input.vars);
  } catch (err) {
    // An expression that throws is the suite's mistake, not the target's.
    throw new CheckToolError(`FHIRPath ${label} could not be evaluated: ${(err as Error).message}`);
  }
  const ok = result.length === 1 && result[0] === true;
  return ok ? pass(true, result, `FHIRPath ${label} is true`) : fail(true, result, `FHIRPath ${label} evaluated to ${show(result)}, expected [true]`);
};
