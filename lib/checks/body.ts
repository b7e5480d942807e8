import type { Positioned } from '../model/suite.ts';
import { defineCheck, fail, pass, type CheckInput, type Verdict } from './types.ts';

export interface BodySpec extends Positioned {
  kind: 'body';
  expected: 'empty' | 'present';
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    body: BodySpec;
  }
}

export const body = defineCheck({
  kind: 'body',
  yamlKey: 'body',
  schema: { enum: ['empty', 'present'] },
  convert: (raw: 'empty' | 'present', at): BodySpec => ({ kind: 'body', expected: raw, pos: at.pos() }),
  judge: checkBody,
  exampleSkip: 'body presence (about the request sent)',
});

export function checkBody(spec: BodySpec, { response }: CheckInput): Verdict {
  const size = Buffer.byteLength(response.body, 'utf8');
  if (spec.expected === 'empty') {
    return size === 0 ? pass('empty', '', 'Body is empty') : fail('empty', response.body.slice(0, 200), `Expected an empty body, but received ${size} bytes`);
  }
  return size > 0 ? pass('present', `${size} bytes`, `Body has ${size} bytes`) : fail('present', '', 'Expected a body, but it is empty');
}
