import { fail, pass, type CheckFn } from './types.ts';

export const checkHeader: CheckFn<'headers'> = (spec, { response, render }) => {
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
};
