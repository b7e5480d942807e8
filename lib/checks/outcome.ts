// An error is checked as the pack defines it: the HTTP status paired with the code, an
// OperationOutcome with the pack's profile, severity error, the issue type, and the code in
// issue.details.coding under the pack's system. A missing details is a failure, never a pass.
// Where the sources disagree (pack.yaml lists several systems or issue types), any listed one passes.

import type { Positioned } from '../model/suite.ts';
import { bodyObject, defineCheck, fail, isVerdict, pass, type CheckInput, type Verdict } from './types.ts';

/** One error an outcome check accepts: the code, and the statuses allowed for it here (default: the pack's pairing). */
export interface OutcomeAlternative {
  code: string;
  status?: number[];
}

export interface OutcomeSpec extends Positioned, OutcomeAlternative {
  kind: 'outcome';
  alternatives?: OutcomeAlternative[];
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    outcome: OutcomeSpec;
  }
}

type RawOutcome = string | { code: string; status: number | number[] };

const httpStatus = { type: 'integer', minimum: 100, maximum: 599 };

export const outcome = defineCheck({
  kind: 'outcome',
  yamlKey: 'outcome',
  schema: {
    description:
      'Error code the pack pairs with an HTTP status, issue.code and coding system; the object form overrides the status where an interaction documents another; a list accepts any one of several errors (where the sources disagree), each with its own status',
    oneOf: [{ $ref: '#/definitions/outcomeOne' }, { type: 'array', items: { $ref: '#/definitions/outcomeOne' }, minItems: 2 }],
  },
  definitions: {
    outcomeOne: {
      if: { type: 'string' },
      then: { type: 'string' },
      else: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'status'],
        properties: {
          code: { type: 'string' },
          status: {
            description: 'The HTTP status, or every status the sources allow for this error here (any listed one passes)',
            oneOf: [httpStatus, { type: 'array', items: httpStatus, minItems: 1, uniqueItems: true }],
          },
        },
      },
    },
  },
  convert: (raw: RawOutcome | RawOutcome[], at): OutcomeSpec => {
    const list = Array.isArray(raw);
    const codes = at.pack.operationOutcome.codes;
    const alternatives = [raw].flat().map((one, i): OutcomeAlternative => {
      const code = typeof one === 'string' ? one : one.code;
      if (!(code in codes)) {
        const where = [...(list ? [i] : []), ...(typeof one === 'string' ? [] : ['code'])];
        at.error(where, `'${code}' is not an error code of ${at.pack.id} (known: ${Object.keys(codes).join(', ')})`);
      }
      return { code, ...(typeof one === 'string' ? {} : { status: [one.status].flat() }) };
    });
    const [first, ...others] = alternatives;
    return { kind: 'outcome', ...first!, ...(others.length ? { alternatives: others } : {}), pos: at.pos() };
  },
  judge: checkOutcome,
  label: (spec) => `outcome ${[spec, ...(spec.alternatives ?? [])].map((a) => `${a.code}${a.status ? ` (${a.status.join(' or ')})` : ''}`).join(' or ')}`,
});

interface Issue {
  severity?: unknown;
  code?: unknown;
  details?: { coding?: Array<{ system?: unknown; code?: unknown }> };
  diagnostics?: unknown;
}

/** Any one of the errors a step accepts (a list where the sources disagree), each judged with its own status. */
export function checkOutcome(spec: OutcomeSpec, input: CheckInput): Verdict {
  const verdicts = [spec, ...(spec.alternatives ?? [])].map((one) => judgeOne(one, input));
  const passed = verdicts.find((v) => v.outcome === 'pass');
  if (passed || verdicts.length === 1) return passed ?? verdicts[0]!;
  return fail(
    verdicts.map((v) => v.expected),
    verdicts[0]!.actual,
    `Expected one of ${verdicts.length} OperationOutcomes, but: ${verdicts.map((v) => v.message.replace(/^Expected /, '')).join(' — or ')}`,
  );
}

function judgeOne(spec: OutcomeAlternative, input: CheckInput): Verdict {
  const paired = input.pack.operationOutcome.codes[spec.code]!;
  // The step may name the statuses the sources allow for this error here; otherwise the pack's pairing.
  const statuses = spec.status ?? [paired.status];
  const { profile } = input.pack.operationOutcome;
  const systems = input.pack.operationOutcome.systems ?? [input.pack.operationOutcome.system];
  const issueCodes = paired.issues ?? [paired.issue];
  // 'any': no source pairs this error with an issue type, so issue.code is not ours to judge.
  const anyIssue = issueCodes.includes('any');
  const status = statuses.join(' or ');
  const expected = { status: statuses.length === 1 ? statuses[0] : statuses, profile, severity: 'error', issueCode: anyIssue ? 'any' : issueCodes.join(' | '), system: systems.join(' | '), code: spec.code };
  const problems: string[] = [];
  if (!statuses.includes(input.response.status)) problems.push(`status ${input.response.status} (expected ${status})`);
  const body = bodyObject(input, `the OperationOutcome for ${spec.code}`);
  if (isVerdict(body)) {
    return fail(expected, { status: input.response.status, body: input.notJson }, [...problems, body.message].join('; '));
  }
  if (body['resourceType'] !== 'OperationOutcome') problems.push(`resourceType '${String(body['resourceType'])}' (expected OperationOutcome)`);
  const profiles = (body['meta'] as { profile?: unknown } | undefined)?.profile;
  if (!Array.isArray(profiles) || !profiles.includes(profile)) problems.push(`meta.profile ${JSON.stringify(profiles ?? null)} (expected to include ${profile})`);
  const issues = Array.isArray(body['issue']) ? (body['issue'] as Issue[]) : [];
  if (issues.length === 0) problems.push('no issue');
  const codings = issues.flatMap((i) => i.details?.coding ?? []);
  const match = issues.find((i) => (i.details?.coding ?? []).some((c) => c.code === spec.code));
  if (codings.length === 0 && issues.length > 0) problems.push('issue.details.coding is missing');
  else if (!match) problems.push(`no issue.details.coding with code ${spec.code} (found ${codings.map((c) => String(c.code)).join(', ') || 'none'})`);
  if (match) {
    const coding = match.details!.coding!.find((c) => c.code === spec.code)!;
    if (!systems.includes(coding.system as string)) problems.push(`coding system '${String(coding.system)}' (expected ${systems.join(' or ')})`);
    if (match.severity !== 'error') problems.push(`issue.severity '${String(match.severity)}' (expected error)`);
    if (!anyIssue && !issueCodes.includes(match.code as string)) problems.push(`issue.code '${String(match.code)}' (expected ${issueCodes.join(' or ')})`);
  }
  const actual = {
    status: input.response.status,
    profile: profiles ?? null,
    issues: issues.map((i) => ({ severity: i.severity, code: i.code, coding: i.details?.coding ?? null })),
  };
  return problems.length === 0
    ? pass(expected, actual, `OperationOutcome ${spec.code} (${status}, ${expected.issueCode})`)
    : fail(expected, actual, `Expected OperationOutcome ${spec.code} (${status}, ${expected.issueCode}), but: ${problems.join('; ')}`);
}
