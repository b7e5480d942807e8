import type { Positioned } from '../model/suite.ts';
import { bodyObject, defineCheck, fail, isVerdict, pass, type CheckInput, type Verdict } from './types.ts';

export interface ProfileSpec extends Positioned {
  kind: 'profile';
  profile: string;
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    profile: ProfileSpec;
  }
}

export const profile = defineCheck({
  kind: 'profile',
  yamlKey: 'profile',
  schema: { type: 'string', description: 'profiles/<name>.schema.json' },
  convert: (raw: string, at): ProfileSpec => {
    if (!at.profiles.has(raw)) at.error([], `no profile '${raw}' in profiles/ (known: ${at.profiles.names.join(', ')})`);
    return { kind: 'profile', profile: raw, pos: at.pos() };
  },
  judge: checkProfile,
  label: (spec) => `profile ${spec.profile}`,
});

const SHOWN = 5;

export function checkProfile(spec: ProfileSpec, input: CheckInput): Verdict {
  const body = bodyObject(input, `profile ${spec.profile}`);
  if (isVerdict(body)) return body;
  const issues = input.profiles.validate(spec.profile, body);
  if (issues.length === 0) return pass(spec.profile, 'conforms', `Conforms to ${spec.profile}`);
  const listed = issues.slice(0, SHOWN).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > SHOWN ? ` (+${issues.length - SHOWN} more)` : '';
  return fail(spec.profile, issues, `Does not conform to ${spec.profile}: ${listed.join('; ')}${more}`);
}
