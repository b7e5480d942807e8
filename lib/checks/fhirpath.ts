import type { CompiledPath } from '../model/fhir.ts';
import type { Positioned } from '../model/suite.ts';
import { bodyObject, CheckToolError, defineCheck, fail, isVerdict, pass, type CheckInput, type Verdict } from './types.ts';

export interface FhirPathAssertion {
  expression: string;
  compiled: CompiledPath;
  description?: string;
}

export interface FhirPathSpec extends Positioned {
  kind: 'fhirpath';
  assertion: FhirPathAssertion;
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    fhirpath: FhirPathSpec;
  }
}

type RawFhirPath = Array<string | { expr: string; description?: string }>;

const expressionOf = (item: RawFhirPath[number]) => (typeof item === 'string' ? item : item.expr);

/** `fhirpath:` a list of assertions on the body, each one check. */
export const fhirpath = defineCheck({
  kind: 'fhirpath',
  yamlKey: 'fhirpath',
  schema: {
    type: 'array',
    items: {
      oneOf: [
        { type: 'string' },
        { type: 'object', additionalProperties: false, required: ['expr'], properties: { expr: { type: 'string' }, description: { type: 'string' } } },
      ],
    },
  },
  convert: (raw: RawFhirPath, at): FhirPathSpec[] =>
    raw.map((item, i) => {
      const expression = expressionOf(item);
      return {
        kind: 'fhirpath',
        pos: at.pos(i),
        assertion: {
          expression,
          // A syntax error points into the expression: the item itself, or its expr.
          compiled: at.fhirpath(expression, typeof item === 'string' ? [i] : [i, 'expr']),
          ...(typeof item !== 'string' && item.description ? { description: item.description } : {}),
        },
      };
    }),
  judge: checkFhirPath,
  label: (spec) => `fhirpath ${spec.assertion.expression}`,
  expressions: (raw) => raw.map((item, i) => ({ expression: expressionOf(item), below: [i] })),
});

const MAX_SHOWN = 300;

function show(result: unknown[]): string {
  const text = JSON.stringify(result);
  return text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + '…' : text;
}

/** An assertion holds when the expression evaluates to exactly [true]. */
export function checkFhirPath(spec: FhirPathSpec, input: CheckInput): Verdict {
  const { expression, compiled, description } = spec.assertion;
  const label = description ? `${description} (${expression})` : expression;
  const body = bodyObject(input, `FHIRPath ${expression}`);
  if (isVerdict(body)) return body;
  let result: unknown[];
  try {
    // In the FHIR version of the target's endpoint (the pack's, or the one its entry chose).
    result = compiled(body, input.vars, input.pack.fhirVersion);
  } catch (err) {
    // An expression that throws is the suite's mistake, not the target's.
    throw new CheckToolError(`FHIRPath ${label} could not be evaluated: ${(err as Error).message}`);
  }
  const ok = result.length === 1 && result[0] === true;
  return ok ? pass(true, result, `FHIRPath ${label} is true`) : fail(true, result, `FHIRPath ${label} evaluated to ${show(result)}, expected [true]`);
}
