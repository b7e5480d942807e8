import { bodyObject, fail, isVerdict, pass, type CheckFn } from './types.ts';

const SHOWN = 5;

export const checkProfile: CheckFn<'profile'> = (spec, input) => {
  const body = bodyObject(input, `profile ${spec.profile}`);
  if (isVerdict(body)) return body;
  const issues = input.profiles.validate(spec.profile, body);
  if (issues.length === 0) return pass(spec.profile, 'conforms', `Conforms to ${spec.profile}`);
  const listed = issues.slice(0, SHOWN).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > SHOWN ? ` (+${issues.length - SHOWN} more)` : '';
  return fail(spec.profile, issues, `Does not conform to ${spec.profile}: ${listed.join('; ')}${more}`);
};
