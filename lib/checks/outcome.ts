// An error is checked as the pack defines it: the HTTP status paired with the code, an
// OperationOutcome with the pack's profile, severity error, the issue type, and the code in
// issue.details.coding under the pack's system. A missing details is a failure, never a pass.
// Where the sources disagree (pack.yaml lists several systems or issue types), any listed one passes.
// A plain FHIR error (no national vocabulary: `{ status, issue?, severity? }`) is judged on what base
// FHIR fixes: the status, an OperationOutcome, an issue of that severity and, when named, that type.
import type { Positioned } from '../model/suite.ts';
import { bodyObject, defineCheck, fail, isVerdict, pass, type CheckInput, type Verdict } from './types.ts';

/**
 * One error an outcome check accepts: a code of the pack's vocabulary and the statuses allowed for it
 * here (default: the pack's pairing), or, with no code, a plain FHIR error: statuses, and the issue
 * types and severities accepted (default: any type; severity error or fatal).
 */
export interface OutcomeAlternative {
  code?: string;
  status?: number[];
  issues?: string[];
  severities?: string[];
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

type RawOutcome = string | { code: string; status: number | number[] } | { status: number | number[]; issue?: string | string[]; severity?: string | string[] };

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
        if: { type: 'object', required: ['code'] },
        then: {
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
        else: {
          type: 'object',
          additionalProperties: false,
          required: ['status'],
          description: 'A plain FHIR error, for a pack without an error vocabulary: the status, and optionally the issue type(s) and severity(ies) accepted',
          properties: {
            status: { description: 'The HTTP status, or every status allowed', oneOf: [httpStatus, { type: 'array', items: httpStatus, minItems: 1, uniqueItems: true }] },
            issue: { description: 'FHIR IssueType code(s): any listed one passes (absent: any type)', oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true }] },
            severity: {
              description: 'IssueSeverity code(s) accepted (default: error or fatal)',
              oneOf: [{ enum: ['fatal', 'error', 'warning', 'information'] }, { type: 'array', items: { enum: ['fatal', 'error', 'warning', 'information'] }, minItems: 1, uniqueItems: true }],
            },
          },
        },
      },
    },
  },
  convert: (raw: RawOutcome | RawOutcome[], at): OutcomeSpec => {
    const list = Array.isArray(raw);
    const alternatives = [raw].flat().map((one, i): OutcomeAlternative => {
      const where = list ? [i] : [];
      if (typeof one === 'object' && !('code' in one)) {
        return { status: [one.status].flat(), ...(one.issue ? { issues: [one.issue].flat() } : {}), ...(one.severity ? { severities: [one.severity].flat() } : {}) };
      }
      const code = typeof one === 'string' ? one : one.code;
      const codes = at.pack.operationOutcome?.codes;
      const codeAt = [...where, ...(typeof one === 'string' ? [] : ['code'])];
      if (!codes) at.error(codeAt, `${at.pack.id}/pack.yaml declares no operationOutcome codes: write a plain error, e.g. outcome: { status: 404, issue: not-found }`);
      else if (!(code in codes)) at.error(codeAt, `'${code}' is not an error code of ${at.pack.id} (known: ${Object.keys(codes).join(', ')})`);
      return { code, ...(typeof one === 'string' ? {} : { status: [one.status].flat() }) };
    });
    const [first, ...others] = alternatives;
    return { kind: 'outcome', ...first!, ...(others.length ? { alternatives: others } : {}), pos: at.pos() };
  },
  judge: checkOutcome,
  label: (spec) => `outcome ${[spec, ...(spec.alternatives ?? [])].map(labelOf).join(' or ')}`,
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

function labelOf(a: OutcomeAlternative): string {
  const status = a.status ? ` (${a.status.join(' or ')})` : '';
  return a.code ? `${a.code}${status}` : `a FHIR error${status}${a.issues ? ` ${a.issues.join(' or ')}` : ''}`;
}

function judgeOne(spec: OutcomeAlternative, input: CheckInput): Verdict {
  return spec.code === undefined ? judgePlain(spec, input) : judgeCoded({ ...spec, code: spec.code }, input);
}

/** Status and body every error judgement starts from: the problems so far, and the body when it is a JSON object. */
function start(statuses: number[], input: CheckInput, what: string): { problems: string[]; body?: Record<string, unknown>; unreadable?: Verdict } {
  const problems: string[] = [];
  if (!statuses.includes(input.response.status)) problems.push(`status ${input.response.status} (expected ${statuses.join(' or ')})`);
  const body = bodyObject(input, what);
  if (isVerdict(body)) return { problems, unreadable: body };
  if (body['resourceType'] !== 'OperationOutcome') problems.push(`resourceType '${String(body['resourceType'])}' (expected OperationOutcome)`);
  return { problems, body };
}

function issuesOf(body: Record<string, unknown>): Issue[] {
  return Array.isArray(body['issue']) ? (body['issue'] as Issue[]) : [];
}

/** A plain FHIR error: the status, an OperationOutcome, and one issue of an accepted severity (and type, when named). */
function judgePlain(spec: OutcomeAlternative, input: CheckInput): Verdict {
  const statuses = spec.status ?? [];
  const severities = spec.severities ?? ['error', 'fatal'];
  const expected = { status: statuses.length === 1 ? statuses[0] : statuses, resourceType: 'OperationOutcome', severity: severities.join(' | '), issueCode: spec.issues?.join(' | ') ?? 'any' };
  const what = `an OperationOutcome (${statuses.join(' or ')})`;
  const { problems, body, unreadable } = start(statuses, input, what);
  if (unreadable) return fail(expected, { status: input.response.status, body: input.notJson }, [...problems, unreadable.message].join('; '));
  const issues = issuesOf(body!);
  const fits = (i: Issue) => severities.includes(i.severity as string) && (!spec.issues || spec.issues.includes(i.code as string));
  if (issues.length === 0) problems.push('no issue');
  else if (!issues.some(fits)) problems.push(`no issue with severity ${severities.join(' or ')}${spec.issues ? ` and code ${spec.issues.join(' or ')}` : ''} (found ${issues.map((i) => `${String(i.severity)}/${String(i.code)}`).join(', ')})`);
  const actual = { status: input.response.status, issues: issues.map((i) => ({ severity: i.severity, code: i.code })) };
  return problems.length === 0 ? pass(expected, actual, `OperationOutcome (${statuses.join(' or ')}, ${expected.issueCode})`) : fail(expected, actual, `Expected ${what}, but: ${problems.join('; ')}`);
}

function judgeCoded(spec: OutcomeAlternative & { code: string }, input: CheckInput): Verdict {
  // The loader refuses a coded outcome in a pack without a vocabulary, so both are here.
  const vocabulary = input.pack.operationOutcome!;
  const paired = vocabulary.codes[spec.code]!;
  // The step may name the statuses the sources allow for this error here; otherwise the pack's pairing.
  const statuses = spec.status ?? [paired.status];
  const { profile } = vocabulary;
  const systems = vocabulary.systems ?? [vocabulary.system];
  const issueCodes = paired.issues ?? [paired.issue];
  // 'any': no source pairs this error with an issue type, so issue.code is not ours to judge.
  const anyIssue = issueCodes.includes('any');
  const status = statuses.join(' or ');
  const expected = { status: statuses.length === 1 ? statuses[0] : statuses, ...(profile ? { profile } : {}), severity: 'error', issueCode: anyIssue ? 'any' : issueCodes.join(' | '), system: systems.join(' | '), code: spec.code };
  const { problems, body, unreadable } = start(statuses, input, `the OperationOutcome for ${spec.code}`);
  if (unreadable) return fail(expected, { status: input.response.status, body: input.notJson }, [...problems, unreadable.message].join('; '));
  const profiles = (body!['meta'] as { profile?: unknown } | undefined)?.profile;
  // A pack without an OperationOutcome profile (its document names none) does not judge meta.profile.
  if (profile && (!Array.isArray(profiles) || !profiles.includes(profile))) problems.push(`meta.profile ${JSON.stringify(profiles ?? null)} (expected to include ${profile})`);
  const issues = issuesOf(body!);
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
