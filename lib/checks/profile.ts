import type { Positioned } from '../model/suite.ts';
import type { ProfileIssue } from '../profiles/registry.ts';
import { bodyObject, CheckToolError, defineCheck, fail, isVerdict, pass, type CheckInput, type Verdict } from './types.ts';

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
const VERSION_NAMES = { stu3: 'STU3', r4: 'R4' } as const;

/**
 * The body against the base FHIR structure of its resource type, in the pack's FHIR version, and against
 * the NHS profile's rules on top (profiles/registry.ts). Each issue is shown at its FHIRPath-like location
 * with the rule it breaks; the base layer's say which FHIR version's definition they come from.
 */
export function checkProfile(spec: ProfileSpec, input: CheckInput): Verdict {
  const body = bodyObject(input, `profile ${spec.profile}`);
  if (isVerdict(body)) return body;
  const version = input.pack.fhirVersion;
  let issues: ProfileIssue[];
  try {
    issues = input.profiles.validate(spec.profile, body, version);
  } catch (err) {
    // A definition that cannot be compiled or read is the tool's fault, never the target's.
    throw new CheckToolError(`profile ${spec.profile}: ${(err as Error).message}`);
  }
  if (issues.length === 0) return pass(spec.profile, 'conforms', `Conforms to ${spec.profile} (and base FHIR ${VERSION_NAMES[version]})`);
  const listed = issues.slice(0, SHOWN).map((i) => `${i.location}: ${i.layer === 'fhir' ? `${ruleText(i.rule)} (FHIR ${VERSION_NAMES[version]}): ` : ''}${i.message}`);
  const more = issues.length > SHOWN ? ` (+${issues.length - SHOWN} more)` : '';
  return fail(spec.profile, issues, `Does not conform to ${spec.profile}: ${listed.join('; ')}${more}`);
}

function ruleText(rule: ProfileIssue['rule']): string {
  switch (rule) {
    case 'unknown-element':
      return 'unknown element';
    case 'wrong-type':
      return 'wrong type';
    case 'too-many':
      return 'too many';
    case 'too-few':
      return 'too few';
    case 'not-in-value-set':
      return 'not in the required value set';
    case 'unknown-resource':
      return 'unknown resource type';
    case 'profile':
      return 'profile rule';
  }
}
