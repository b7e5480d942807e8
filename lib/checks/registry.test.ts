// What the runner and the examples replay read from a kind's record rather than from its name.
import { describe, expect, it } from 'vitest';
import type { CheckSpec } from '../model/suite.ts';
import { checkLabel, exampleSkip, judgesWholeRace, runCheck, type CheckInput } from './index.ts';

const input = (status: number, statuses?: number[]): CheckInput =>
  ({ response: { status, headers: {}, body: '', durationMs: 1 }, json: undefined, ...(statuses ? { statuses } : {}), base: '', vars: {}, render: String }) as unknown as CheckInput;

describe('the check registry', () => {
  it("judges a race's statuses together, through the same runCheck as any kind", () => {
    const spec: CheckSpec = { kind: 'statuses', counts: { '201': 1, '409': 1 } };
    expect(judgesWholeRace(spec)).toBe(true);
    expect(runCheck(spec, input(201, [409, 201])).outcome).toBe('pass');
    expect(runCheck(spec, input(201)).message).toBe('Race of 1: expected 1×201, 1×409, but received 1×201');
    expect(judgesWholeRace({ kind: 'status', expected: [201] })).toBe(false);
  });

  it('labels a check by its record, or by its kind', () => {
    expect(checkLabel({ kind: 'outcome', code: 'A', status: [409], alternatives: [{ code: 'B' }] })).toBe('outcome A (409) or B');
    expect(checkLabel({ kind: 'location', form: 'history' })).toBe('location history');
    expect(checkLabel({ kind: 'headers', header: 'ETag', rule: { op: 'present' } })).toBe('headers');
  });

  it('says which kinds a bare example body cannot judge', () => {
    expect(exampleSkip({ kind: 'contentType', expected: 'application/fhir+json' })).toBe('a header the example does not have');
    expect(exampleSkip({ kind: 'etag', form: 'version' })).toBeUndefined();
  });
});
