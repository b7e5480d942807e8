import type { Positioned } from '../model/suite.ts';
import { defineCheck, fail, pass, type CheckInput, type Verdict } from './types.ts';

export interface StatusSpec extends Positioned {
  kind: 'status';
  expected: number[];
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    status: StatusSpec;
  }
}

const httpStatus = { type: 'integer', minimum: 100, maximum: 599 };

/** `status: 201` or `status: [200, 204]`: the response's status is one of those. */
export const status = defineCheck({
  kind: 'status',
  yamlKey: 'status',
  schema: { oneOf: [httpStatus, { type: 'array', minItems: 1, items: httpStatus }] },
  convert: (raw: number | number[], at): StatusSpec => ({ kind: 'status', expected: Array.isArray(raw) ? raw : [raw], pos: at.pos() }),
  judge: checkStatus,
  exampleSkip: 'status (synthesised)',
});

export function checkStatus(spec: StatusSpec, { response }: CheckInput): Verdict {
  const expected = spec.expected.length === 1 ? spec.expected[0] : spec.expected;
  const ok = spec.expected.includes(response.status);
  const wanted = spec.expected.join(' or ');
  return ok
    ? pass(expected, response.status, `Response status ${response.status}`)
    : fail(expected, response.status, `Unexpected response status: expected ${wanted}, but received ${response.status}`);
}
