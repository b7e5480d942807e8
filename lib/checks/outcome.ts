// An error is checked as the pack defines it: the HTTP status paired with the code, an
// OperationOutcome with the pack's profile, severity error, the issue type, and the code in
// issue.details.coding under the pack's system. A missing details is a failure, never a pass.
// Where the sources disagree (pack.yaml lists several systems or issue types), any listed one passes.

import type { OutcomeAlternative } from '../model/suite.ts';
import { bodyObject, fail, isVerdict, pass, type CheckFn, type CheckInput, type Verdict } from './types.ts';

interface Issue {
  severity?: unknown;
  code?: unknown;
  details?: { coding?: Array<{ system?: unknown; code?: unknown }> };
  diagnostics?: unknown;
}

/** Any one of the errors a step accepts (a list where the sources disagree), each judged with its own status. */
export const checkOutcome: CheckFn<'outcome'> = (spec, input) => {
  const verdicts = [spec, ...(spec.alternatives ?? [])].map((one) => judgeOne(one, input));
  const passed = verdicts.find((v) => v.passed);
  if (passed || verdicts.length === 1) return passed ?? verdicts[0]!;
  return fail(
    verdicts.map((v) => v.expected),
    verdicts[0]!.actual,
    `Expected one of ${verdicts.length} OperationOutcomes, but: ${verdicts.map((v) => v.message.replace(/^Expected /, '')).join(' — or ')}`,
  );
};

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
