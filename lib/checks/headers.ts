// Kind 'headers' (YAML `headers:`): one check per header named, each with its own rule.

import type { Positioned, Template } from '../model/suite.ts';
import { defineCheck, fail, pass, type CheckInput, type ExpectAt, type Verdict } from './types.ts';

export type HeaderRule =
  | { op: 'present' }
  | { op: 'absent' }
  | { op: 'equals'; value: Template }
  | { op: 'matches'; pattern: string }
  | { op: 'contains'; value: Template };

export interface HeadersSpec extends Positioned {
  kind: 'headers';
  header: string;
  rule: HeaderRule;
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    headers: HeadersSpec;
  }
}

export type RawHeaderRule = 'present' | 'absent' | { equals?: string | number; matches?: string; contains?: string };

export const headers = defineCheck({
  kind: 'headers',
  yamlKey: 'headers',
  schema: { type: 'object', additionalProperties: { $ref: '#/definitions/headerRule' } },
  definitions: {
    headerRule: {
      oneOf: [
        { enum: ['present', 'absent'] },
        {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          maxProperties: 1,
          properties: {
            equals: { type: ['string', 'number'] },
            matches: { type: 'string', description: 'JavaScript regular expression' },
            contains: { type: 'string' },
          },
        },
      ],
    },
  },
  convert: (raw: Record<string, RawHeaderRule>, at): HeadersSpec[] =>
    Object.entries(raw).map(([header, rule]) => ({ kind: 'headers', header, rule: convertRule(rule, header, at), pos: at.pos(header) })),
  judge: checkHeaders,
  exampleSkip: 'a header the example does not have',
});

function convertRule(rule: RawHeaderRule, header: string, at: ExpectAt): HeaderRule {
  if (rule === 'present' || rule === 'absent') return { op: rule };
  if (rule.equals !== undefined) return { op: 'equals', value: String(rule.equals) };
  if (rule.contains !== undefined) return { op: 'contains', value: rule.contains };
  try {
    new RegExp(rule.matches!);
  } catch (err) {
    at.error([header, 'matches'], `not a valid regular expression: ${(err as Error).message}`);
  }
  return { op: 'matches', pattern: rule.matches! };
}

export function checkHeaders(spec: HeadersSpec, { response, render }: CheckInput): Verdict {
  const name = spec.header;
  const actual = response.headers[name.toLowerCase()];
  const rule = spec.rule;
  switch (rule.op) {
    case 'present':
      return actual !== undefined ? pass('present', actual, `${name} is present`) : fail('present', null, `Header ${name} is missing`);
    case 'absent':
      return actual === undefined ? pass('absent', null, `${name} is absent`) : fail('absent', actual, `Header ${name} must be absent, but is '${actual}'`);
    case 'equals': {
      const want = render(rule.value);
      if (actual === undefined) return fail(want, null, `Header ${name} is missing (expected '${want}')`);
      return actual === want ? pass(want, actual, `${name} is '${actual}'`) : fail(want, actual, `Header ${name}: expected '${want}', but received '${actual}'`);
    }
    case 'contains': {
      const want = render(rule.value);
      if (actual === undefined) return fail(`contains '${want}'`, null, `Header ${name} is missing (expected it to contain '${want}')`);
      return actual.includes(want)
        ? pass(`contains '${want}'`, actual, `${name} contains '${want}'`)
        : fail(`contains '${want}'`, actual, `Header ${name}: expected it to contain '${want}', but received '${actual}'`);
    }
    case 'matches': {
      const re = new RegExp(rule.pattern);
      if (actual === undefined) return fail(`matches /${rule.pattern}/`, null, `Header ${name} is missing (expected it to match /${rule.pattern}/)`);
      return re.test(actual)
        ? pass(`matches /${rule.pattern}/`, actual, `${name} matches /${rule.pattern}/`)
        : fail(`matches /${rule.pattern}/`, actual, `Header ${name}: '${actual}' does not match /${rule.pattern}/`);
    }
  }
}
