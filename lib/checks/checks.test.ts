import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
import { compileFhirPath } from '../fhirpath/compile.ts';
import type { PackDef } from '../model/pack.ts';
import type { CheckSpec } from '../model/suite.ts';
import { ProfileRegistry } from '../profiles/registry.ts';
import { CheckToolError, checkStatusCounts, runCheck, type CheckInput, type Verdict } from './index.ts';

const BASE = 'https://provider.example/fhir';
const profiles = new ProfileRegistry(join(PROJECT_ROOT, 'profiles'));
const pack: PackDef = {
  id: 'p',
  title: 'p',
  fhirVersion: 'stu3',
  auth: 'none',
  defaultHeaders: {},
  interactions: {},
  dir: '',
  operationOutcome: {
    profile: 'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1',
    system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1',
    codes: { DUPLICATE_REJECTED: { status: 409, issue: 'duplicate' } },
  },
};

const appointment = {
  resourceType: 'Appointment',
  id: 'a1',
  meta: { versionId: '3', lastUpdated: '2026-11-21T13:25:48.250+00:00', profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1'] },
  status: 'booked',
  start: '2026-11-23T09:00:00+00:00',
  end: '2026-11-23T09:15:00+00:00',
  created: '2026-11-21T13:25:48+00:00',
  slot: [{ reference: 'Slot/7' }],
  participant: [
    { actor: { reference: 'Patient/1' }, status: 'accepted' },
    { actor: { reference: 'Location/2' }, status: 'accepted' },
  ],
};

const outcome = (code: string, system = pack.operationOutcome!.system, details = true) => ({
  resourceType: 'OperationOutcome',
  meta: { profile: [pack.operationOutcome!.profile] },
  issue: [{ severity: 'error', code: 'duplicate', ...(details ? { details: { coding: [{ system, code, display: code }] } } : {}), diagnostics: 'x' }],
});

function input(status: number, headers: Record<string, string>, body: unknown): CheckInput {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    response: { status, headers, body: text, durationMs: 1 },
    json,
    ...(json === undefined ? { notJson: text ? 'text/html, starting <html>' : 'empty body' } : {}),
    base: BASE,
    pack,
    profiles,
    vars: { slot: { id: '7' } },
    render: (v) => String(v),
  };
}

const check = (spec: Exclude<CheckSpec, { kind: 'statuses' }>, inp: CheckInput) => runCheck(spec, inp);

function expectFailure(v: Verdict, why: string): void {
  expect(v.outcome).toBe('fail');
  expect(v.message).toContain(why);
}

describe('status', () => {
  it('passes on an expected status and fails with both numbers in the message', () => {
    expect(check({ kind: 'status', expected: [201] }, input(201, {}, '')).outcome).toBe('pass');
    const v = check({ kind: 'status', expected: [201] }, input(422, {}, ''));
    expect(v).toMatchObject({ outcome: 'fail', expected: 201, actual: 422, message: 'Unexpected response status: expected 201, but received 422' });
  });
});

describe('headers', () => {
  const res = input(200, { 'cache-control': 'no-store, private', 'x-request-id': 'abc-1' }, '');
  it.each([
    [{ op: 'present' }, 'Cache-Control', true],
    [{ op: 'present' }, 'ETag', false],
    [{ op: 'absent' }, 'ETag', true],
    [{ op: 'absent' }, 'Cache-Control', false],
    [{ op: 'equals', value: 'abc-1' }, 'X-Request-Id', true],
    [{ op: 'equals', value: 'abc-2' }, 'X-Request-Id', false],
    [{ op: 'contains', value: 'no-store' }, 'Cache-Control', true],
    [{ op: 'contains', value: 'no-cache' }, 'Cache-Control', false],
    [{ op: 'matches', pattern: '^abc-\\d$' }, 'X-Request-Id', true],
    [{ op: 'matches', pattern: '^xyz' }, 'X-Request-Id', false],
  ] as const)('%o on %s → %s', (rule, header, passed) => {
    expect(check({ kind: 'headers', header, rule }, res).outcome === 'pass').toBe(passed);
  });
});

describe('location', () => {
  it('passes when the URL carries the body id and version under the base', () => {
    const v = check({ kind: 'location', form: 'history' }, input(201, { location: `${BASE}/Appointment/a1/_history/3` }, appointment));
    expect(v.outcome).toBe('pass');
  });
  it.each([
    [undefined, 'Location header is missing'],
    ['/Appointment/a1/_history/3', 'must be an absolute URL'],
    [`${BASE}/Appointment/a1`, 'no _history/{vid} segment'],
    [`${BASE}/Appointment/a2/_history/3`, "id 'a2' is not the body's id 'a1'"],
    [`${BASE}/Appointment/a1/_history/2`, "version '2' is not the body's meta.versionId '3'"],
    ['https://other.example/fhir/Appointment/a1/_history/3', 'not under the base'],
  ])('fails for %s', (location, why) => expectFailure(check({ kind: 'location', form: 'history' }, input(201, location ? { location } : {}, appointment)), why));
  it('fails when the body cannot be linked (HTML instead of FHIR)', () => {
    const v = check({ kind: 'location', form: 'history' }, input(201, { location: `${BASE}/Appointment/a1/_history/3` }, '<html>oops</html>'));
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain('not a JSON resource (text/html');
  });
});

describe('etag', () => {
  it('passes for W/"versionId"', () => {
    expect(check({ kind: 'etag', form: 'version' }, input(200, { etag: 'W/"3"' }, appointment)).outcome).toBe('pass');
  });
  it.each([
    [{}, 'missing'],
    [{ etag: '"3"' }, 'must be weak'],
    [{ etag: 'W/"4"' }, 'expected W/"3"'],
  ])('fails for %o', (headers, why) => expectFailure(check({ kind: 'etag', form: 'version' }, input(200, headers, appointment)), why));
});

describe('lastModified', () => {
  it('passes for the HTTP-date of meta.lastUpdated (to the second)', () => {
    expect(check({ kind: 'lastModified', form: 'lastUpdated' }, input(201, { 'last-modified': 'Sat, 21 Nov 2026 13:25:48 GMT' }, appointment)).outcome).toBe('pass');
  });
  it.each([
    [{}, 'missing'],
    [{ 'last-modified': '2026-11-21T13:25:48Z' }, 'is not an HTTP-date'],
    [{ 'last-modified': 'Sat, 21 Nov 2026 13:25:49 GMT' }, "expected 'Sat, 21 Nov 2026 13:25:48 GMT'"],
  ])('fails for %o', (headers, why) => expectFailure(check({ kind: 'lastModified', form: 'lastUpdated' }, input(201, headers, appointment)), why));
});

describe('contentType', () => {
  it('passes with or without a UTF-8 charset', () => {
    expect(check({ kind: 'contentType', expected: 'application/fhir+json' }, input(200, { 'content-type': 'application/fhir+json;charset=UTF-8' }, {})).outcome).toBe('pass');
    expect(check({ kind: 'contentType', expected: 'application/fhir+json' }, input(200, { 'content-type': 'application/fhir+json' }, {})).outcome).toBe('pass');
  });
  it('fails for another media type or charset', () => {
    expect(check({ kind: 'contentType', expected: 'application/fhir+json' }, input(200, { 'content-type': 'text/html' }, {})).outcome).toBe('fail');
    expect(check({ kind: 'contentType', expected: 'application/fhir+json' }, input(200, { 'content-type': 'application/fhir+json; charset=iso-8859-1' }, {})).outcome).toBe('fail');
  });
});

describe('fhirpath', () => {
  const fp = (expression: string) => ({ kind: 'fhirpath' as const, assertion: { expression, compiled: compileFhirPath(expression, 'stu3') } });
  it('passes when the expression is true, using captured %variables', () => {
    expect(check(fp("Appointment.slot.reference = 'Slot/' + %slot.id"), input(201, {}, appointment)).outcome).toBe('pass');
  });
  it('fails showing what the expression evaluated to', () => {
    const v = check(fp('Appointment.status'), input(201, {}, appointment));
    expect(v).toMatchObject({ outcome: 'fail', actual: ['booked'] });
    expect(v.message).toBe('FHIRPath Appointment.status evaluated to ["booked"], expected [true]');
    expect(check(fp("Appointment.status = 'cancelled'"), input(201, {}, appointment)).outcome).toBe('fail');
  });
  it('an expression that throws is a tool fault (errored), never the target failing', () => {
    expect(() => check(fp('%nowhere.exists()'), input(201, {}, appointment))).toThrow(CheckToolError);
  });
});

describe('outcome', () => {
  const spec = { kind: 'outcome' as const, code: 'DUPLICATE_REJECTED' };
  it('passes for the pack pairing of status, profile, issue code and coding', () => {
    expect(check(spec, input(409, {}, outcome('DUPLICATE_REJECTED'))).outcome).toBe('pass');
  });
  it('takes a status override where an interaction documents another status', () => {
    expect(check({ ...spec, status: [422] }, input(422, {}, outcome('DUPLICATE_REJECTED'))).outcome).toBe('pass');
    expect(check({ ...spec, status: [422] }, input(409, {}, outcome('DUPLICATE_REJECTED'))).message).toContain('status 409 (expected 422)');
  });
  it("judges no issue type for an error the pack pairs with 'any'", () => {
    const anyPack = { ...pack, operationOutcome: { ...pack.operationOutcome!, codes: { DUPLICATE_REJECTED: { status: 409, issue: 'any' } } } };
    const withCode = (code: string) => ({ ...outcome('DUPLICATE_REJECTED'), issue: [{ ...outcome('DUPLICATE_REJECTED').issue[0], code }] });
    for (const code of ['conflict', 'business-rule', 'duplicate']) expect(check(spec, { ...input(409, {}, withCode(code)), pack: anyPack }).outcome).toBe('pass');
    expect(check(spec, input(409, {}, withCode('conflict'))).message).toContain("issue.code 'conflict' (expected duplicate)");
  });
  it('a list accepts any one of several errors, each only with its own status', () => {
    const twoPack = { ...pack, operationOutcome: { ...pack.operationOutcome!, codes: { DUPLICATE_REJECTED: { status: 409, issue: 'duplicate' }, INVALID_RESOURCE: { status: 422, issue: 'duplicate' } } } };
    const either = { ...spec, alternatives: [{ code: 'INVALID_RESOURCE' }] };
    expect(check(either, { ...input(409, {}, outcome('DUPLICATE_REJECTED')), pack: twoPack }).outcome).toBe('pass');
    expect(check(either, { ...input(422, {}, outcome('INVALID_RESOURCE')), pack: twoPack }).outcome).toBe('pass');
    // A code with the other code's status is neither.
    const crossed = check(either, { ...input(409, {}, outcome('INVALID_RESOURCE')), pack: twoPack });
    expect(crossed.outcome).toBe('fail');
    expect(crossed.message).toMatch(/^Expected one of 2 OperationOutcomes, but: OperationOutcome DUPLICATE_REJECTED .* — or OperationOutcome INVALID_RESOURCE \(422, duplicate\), but: status 409 \(expected 422\)/);
  });
  it('takes every status the sources allow, and only those', () => {
    for (const s of [409, 422]) expect(check({ ...spec, status: [409, 422] }, input(s, {}, outcome('DUPLICATE_REJECTED'))).outcome).toBe('pass');
    expect(check({ ...spec, status: [409, 422] }, input(400, {}, outcome('DUPLICATE_REJECTED'))).message).toContain('status 400 (expected 409 or 422)');
  });
  it.each([
    [422, outcome('DUPLICATE_REJECTED'), 'status 422 (expected 409)'],
    [409, outcome('INVALID_RESOURCE'), 'no issue.details.coding with code DUPLICATE_REJECTED (found INVALID_RESOURCE)'],
    [409, outcome('DUPLICATE_REJECTED', 'https://wrong.example'), "coding system 'https://wrong.example'"],
    [409, outcome('DUPLICATE_REJECTED', undefined, false), 'issue.details.coding is missing'],
    [409, '<html>Conflict</html>', 'not a JSON resource'],
  ])('fails for status %s with %j', (status, body, why) => {
    const v = check(spec, input(status, {}, body));
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain(why);
  });
});

describe('outcome, a plain FHIR error (no national vocabulary)', () => {
  const plainPack: PackDef = (({ operationOutcome: _v, ...rest }) => rest)(pack);
  const error = (severity: string, code: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics: 'x' }] });
  const plain = (status: number[], issues?: string[]) => ({ kind: 'outcome' as const, status, ...(issues ? { issues } : {}) });
  const at = (status: number, body: unknown) => ({ ...input(status, {}, body), pack: plainPack });
  it('passes on the status and an error issue, of any type unless the step names some', () => {
    expect(check(plain([404]), at(404, error('error', 'not-found'))).outcome).toBe('pass');
    expect(check(plain([404]), at(404, error('fatal', 'processing'))).outcome).toBe('pass');
    expect(check(plain([400, 422], ['invalid', 'structure']), at(422, error('error', 'structure'))).outcome).toBe('pass');
  });
  it('fails on another status, another issue type, a warning only, or no OperationOutcome at all', () => {
    expect(check(plain([404]), at(410, error('error', 'not-found'))).message).toContain('status 410 (expected 404)');
    expect(check(plain([404], ['not-found']), at(404, error('error', 'processing'))).message).toContain('no issue with severity error or fatal and code not-found (found error/processing)');
    expect(check(plain([404]), at(404, error('warning', 'not-found'))).outcome).toBe('fail');
    expect(check(plain([404]), at(404, { resourceType: 'Bundle' })).message).toContain("resourceType 'Bundle' (expected OperationOutcome)");
    expect(check(plain([404]), at(404, '<html>gone</html>')).outcome).toBe('fail');
  });
  it('judges no meta.profile where the pack names no OperationOutcome profile', () => {
    const noProfile: PackDef = { ...pack, operationOutcome: { system: pack.operationOutcome!.system, codes: pack.operationOutcome!.codes } };
    const coded = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'duplicate', details: { coding: [{ system: pack.operationOutcome!.system, code: 'DUPLICATE_REJECTED' }] } }] };
    expect(check({ kind: 'outcome', code: 'DUPLICATE_REJECTED' }, { ...input(409, {}, coded), pack: noProfile }).outcome).toBe('pass');
    expect(check({ kind: 'outcome', code: 'DUPLICATE_REJECTED' }, input(409, {}, coded)).message).toContain('meta.profile null');
  });
});

describe('profile', () => {
  it('passes a conforming Appointment and lists what breaks one', () => {
    expect(check({ kind: 'profile', profile: 'GPConnect-Appointment-1' }, input(201, {}, appointment)).outcome).toBe('pass');
    const v = check({ kind: 'profile', profile: 'GPConnect-Appointment-1' }, input(201, {}, { ...appointment, reason: [{ text: 'x' }], meta: { profile: [] } }));
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain('Appointment.reason: must not be present');
    expect(v.message).toContain("missing 'versionId'");
  });

  it("judges the base FHIR structure of the pack's version first: location, rule, FHIR version", () => {
    const body = { ...appointment, participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted', required: true }, { actor: { reference: 'Location/2' }, status: 'accepted' }] };
    const v = check({ kind: 'profile', profile: 'GPConnect-Appointment-1' }, input(201, {}, body));
    expect(v.outcome).toBe('fail');
    expect(v.message).toBe('Does not conform to GPConnect-Appointment-1: Appointment.participant[0].required: wrong type (FHIR STU3): expected a code (JSON string), got boolean true');
  });
});

describe('body', () => {
  it('tells an empty body from a present one', () => {
    expect(check({ kind: 'body', expected: 'empty' }, input(200, {}, '')).outcome).toBe('pass');
    expect(check({ kind: 'body', expected: 'empty' }, input(200, {}, { a: 1 })).outcome).toBe('fail');
    expect(check({ kind: 'body', expected: 'present' }, input(200, {}, { a: 1 })).outcome).toBe('pass');
    expect(check({ kind: 'body', expected: 'present' }, input(200, {}, '')).outcome).toBe('fail');
  });
});

describe('statuses (race)', () => {
  it('counts statuses exactly', () => {
    expect(checkStatusCounts({ '201': 1, '409': 2 }, [409, 201, 409]).outcome).toBe('pass');
    const v = checkStatusCounts({ '201': 1, '409': 2 }, [201, 201, 409]);
    expect(v.outcome).toBe('fail');
    expect(v.message).toBe('Race of 3: expected 1×201, 2×409, but received 2×201, 1×409');
  });
});
