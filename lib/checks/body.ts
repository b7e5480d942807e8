import { fail, pass, type CheckFn } from './types.ts';

export const checkBody: CheckFn<'body'> = (spec, { response }) => {
  const size = Buffer.byteLength(response.body, 'utf8');
  if (spec.expected === 'empty') {
    return size === 0 ? pass('empty', '', 'Body is empty') : fail('empty', response.body.slice(0, 200), `Expected an empty body, but received ${size} bytes`);
  }
  return size > 0 ? pass('present', `${size} bytes`, `Body has ${size} bytes`) : fail('present', '', 'Expected a body, but it is empty');
};
