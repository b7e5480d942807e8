import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
import { loadPack } from '../loader/pack.ts';
import type { PackDef } from '../model/pack.ts';
import { ProfileRegistry } from '../profiles/registry.ts';
import { runCheck, type CheckInput } from './index.ts';

const profiles = new ProfileRegistry(join(PROJECT_ROOT, 'profiles'));
const gpc: PackDef = loadPack(join(PROJECT_ROOT, 'suites', 'gpconnect-1.2'), PROJECT_ROOT, join(PROJECT_ROOT, 'suites'));

function input(status: number, headers: Record<string, string>, body: unknown): CheckInput {
  return {
    response: { status, headers, body: JSON.stringify(body), durationMs: 1 },
    json: body,
    base: 'https://provider.example/fhir',
    pack: gpc,
    profiles,
    vars: {},
    render: (v) => String(v),
  };
}

describe('lastModified when the body has no meta.lastUpdated (FHIR: meta.lastUpdated is 0..1)', () => {
  const spec = { kind: 'lastModified' as const, form: 'lastUpdated' as const };
  const bare = { resourceType: 'Appointment', id: 'a1', meta: { versionId: '1' } };
  it('passes a valid HTTP-date', () => {
    expect(runCheck(spec, input(201, { 'last-modified': 'Sat, 21 Nov 2026 13:25:48 GMT' }, bare)).outcome).toBe('pass');
  });
  it.each([
    [{}, 'missing'],
    [{ 'last-modified': '2026-11-21T13:25:48Z' }, 'is not an HTTP-date'],
    [{ 'last-modified': 'Mon, 21 Nov 2026 13:25:48 GMT' }, 'is not an HTTP-date'],
  ])('still fails for %o', (headers, why) => {
    const v = runCheck(spec, input(201, headers, bare));
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain(why);
  });
  it('still links the header to meta.lastUpdated when the body has one', () => {
    const body = { ...bare, meta: { versionId: '1', lastUpdated: '2026-11-21T13:25:48+00:00' } };
    expect(runCheck(spec, input(201, { 'last-modified': 'Sat, 21 Nov 2026 13:25:49 GMT' }, body)).outcome).toBe('fail');
    expect(runCheck(spec, input(201, { 'last-modified': 'Sat, 21 Nov 2026 13:25:48 GMT' }, body)).outcome).toBe('pass');
  });
});

describe('outcome with the alternatives pack.yaml lists', () => {
  const outcome = (system: string, issueCode: string) => ({
    resourceType: 'OperationOutcome',
    meta: { profile: [gpc.operationOutcome!.profile] },
    issue: [{ severity: 'error', code: issueCode, details: { coding: [{ system, code: 'INTERNAL_SERVER_ERROR' }] }, diagnostics: 'x' }],
  });
  const spec = { kind: 'outcome' as const, code: 'INTERNAL_SERVER_ERROR' };
  const codeSystem = 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1';
  const valueSet = 'https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1';
  it('the GP Connect pack lists both error systems and both 500 issue types', () => {
    expect(gpc.operationOutcome!.systems).toEqual([codeSystem, valueSet]);
    expect(gpc.operationOutcome!.codes['INTERNAL_SERVER_ERROR']!.issues).toEqual(['processing', 'exception']);
  });
  it.each([
    [codeSystem, 'processing'],
    [valueSet, 'processing'],
    [codeSystem, 'exception'],
    [valueSet, 'exception'],
  ])('passes %s with issue type %s', (system, issueCode) => {
    expect(runCheck(spec, input(500, {}, outcome(system, issueCode))).outcome).toBe('pass');
  });
  it.each([
    ['http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1', 'processing', "coding system 'http://fhir.nhs.net"],
    [codeSystem, 'invalid', "issue.code 'invalid' (expected processing or exception)"],
  ])('fails %s with issue type %s', (system, issueCode, why) => {
    const v = runCheck(spec, input(500, {}, outcome(system, issueCode)));
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain(why);
  });
});
