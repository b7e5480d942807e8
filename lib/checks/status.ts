import { fail, pass, type CheckFn } from './types.ts';

export const checkStatus: CheckFn<'status'> = (spec, { response }) => {
  const expected = spec.expected.length === 1 ? spec.expected[0] : spec.expected;
  const ok = spec.expected.includes(response.status);
  const wanted = spec.expected.join(' or ');
  return ok
    ? pass(expected, response.status, `Response status ${response.status}`)
    : fail(expected, response.status, `Unexpected response status: expected ${wanted}, but received ${response.status}`);
};
