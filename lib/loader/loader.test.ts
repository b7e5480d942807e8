import { describe, expect, it } from 'vitest';
import { InputErrors } from '../diagnostics/input-error.ts';
import { loadWorkspace } from './workspace.ts';
import { TEST_PACK, tempProject } from '../testing/workspace.ts';

const SUITE = 'suites/test-pack/s.yaml';

function errorsOf(files: Record<string, string>): string[] {
  try {
    loadWorkspace({ root: tempProject(files) });
  } catch (err) {
    if (err instanceof InputErrors) return err.errors.map((e) => e.message);
    throw err;
  }
  throw new Error('expected the load to fail');
}

const header = `suite: s
pack: test-pack
title: T
scenarios:
`;

const scenario = (steps: string) => `${header}  - id: T-001
    title: t
    level: MUST
    requirement: r
    source: s
    steps:
${steps}`;

describe('loading suite files', () => {
  it('loads scenarios, expands shared steps with their params and mutation rows', () => {
    const root = tempProject({
      'suites/test-pack/steps.yaml': `steps:
  get-thing:
    params: { id: null }
    steps:
      - name: get
        request: { method: GET, path: "/Thing/\${id}" }
        capture: { thing: Thing }
`,
      [SUITE]: `${header}  - id: T-001
    title: t
    level: SHOULD
    requirement: r
    source: s
    steps:
      - use: get-thing
        with: { id: "42" }
      - name: check
        request: { method: GET, path: "/Other/\${thing.id}" }
        expect: { status: 200, fhirpath: ["Other.id = %thing.id"] }
mutations:
  - title: m
    source: s
    steps:
      - name: post
        mutate: true
        request: { method: POST, path: /Thing, body: { json: { resourceType: Thing, a: 1, b: 2 } } }
    expect: { status: 409, outcome: DUPLICATE_REJECTED }
    rows:
      - { id: T-010, title: no a, requirement: r, remove: [a] }
      - { id: T-011, title: b is 3, requirement: r, set: { b: 3 }, expect: { status: 400 } }
`,
    });
    const ws = loadWorkspace({ root });
    const scenarios = ws.suites[0]!.scenarios;
    expect(scenarios.map((s) => s.id)).toEqual(['T-001', 'T-010', 'T-011']);
    const first = scenarios[0]!;
    expect(first.level).toBe('SHOULD');
    expect(first.steps.map((s) => s.name)).toEqual(['get', 'check']);
    expect(first.steps[0]!.bind).toEqual([['id', '42']]);
    expect(first.steps[0]!.from).toBe('get-thing');
    expect(first.writes).toBe(false);
    const [noA, b3] = [scenarios[1]!, scenarios[2]!];
    expect(noA.writes).toBe(true);
    expect(noA.steps[0]!.request.body).toMatchObject({ kind: 'json', patch: [{ op: 'remove', path: 'a' }] });
    expect(noA.steps[0]!.checks.map((c) => c.kind)).toEqual(['status', 'outcome']);
    expect(b3.steps[0]!.request.body).toMatchObject({ patch: [{ op: 'set', path: 'b', value: 3 }] });
    // The row's own expect, with where it was written (line 26 of the suite: the T-011 row).
    expect(b3.steps[0]!.checks).toEqual([{ kind: 'status', expected: [400], pos: expect.objectContaining({ file: 'suites/test-pack/s.yaml', line: 26, col: 86 }) }]);
    expect(noA.steps[0]!.checks[0]!.pos).toMatchObject({ file: 'suites/test-pack/s.yaml', line: 23, text: expect.stringContaining('expect: { status: 409') });
  });

  it('reports an unknown key with its line and column and the allowed keys', () => {
    const errors = errorsOf({ [SUITE]: scenario(`      - name: get\n        request: { method: GET, path: /x }\n        expekt: { status: 200 }\n`) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^suites\/test-pack\/s\.yaml:13:9: unknown key 'expekt'/);
    expect(errors[0]).toContain('allowed: name, request, race, mutate, expect, capture');
    expect(errors[0]).toContain('13 |         expekt: { status: 200 }');
  });

  it('an outcome list takes several errors, and an unknown code in it is an error at its place', () => {
    const ok = loadWorkspace({ root: tempProject({ [SUITE]: scenario(`      - name: post\n        request: { method: POST, path: /x }\n        expect: { outcome: [DUPLICATE_REJECTED, { code: DUPLICATE_REJECTED, status: [422, 400] }] }\n`) }) });
    expect(ok.suites[0]!.scenarios[0]!.steps[0]!.checks).toMatchObject([{ kind: 'outcome', code: 'DUPLICATE_REJECTED', alternatives: [{ code: 'DUPLICATE_REJECTED', status: [422, 400] }] }]);
    const errors = errorsOf({ [SUITE]: scenario(`      - name: post\n        request: { method: POST, path: /x }\n        expect: { outcome: [DUPLICATE_REJECTED, NOPE] }\n`) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^suites\/test-pack\/s\.yaml:13:\d+: 'NOPE' is not an error code of test-pack/);
  });

  it('a pack without an error vocabulary checks plain FHIR errors, and refuses a coded one at its place', () => {
    const bare = { 'suites/test-pack/pack.yaml': 'pack: test-pack\ntitle: Test pack\nfhirVersion: r4\nauth: none\n' };
    const ok = loadWorkspace({ root: tempProject({ ...bare, [SUITE]: scenario(`      - name: get\n        request: { method: GET, path: /x }\n        expect: { outcome: { status: [400, 422], issue: [invalid, structure] } }\n`) }) });
    expect(ok.suites[0]!.scenarios[0]!.steps[0]!.checks).toMatchObject([{ kind: 'outcome', status: [400, 422], issues: ['invalid', 'structure'] }]);
    const errors = errorsOf({ ...bare, [SUITE]: scenario(`      - name: get\n        request: { method: GET, path: /x }\n        expect: { outcome: DUPLICATE_REJECTED }\n`) });
    expect(errors).toEqual([expect.stringMatching(/^suites\/test-pack\/s\.yaml:13:\d+: test-pack\/pack\.yaml declares no operationOutcome codes: write a plain error/)]);
  });

  it('a resource written straight under body: is one error saying to put it under json:', () => {
    const errors = errorsOf({ [SUITE]: scenario(`      - name: post\n        request:\n          method: POST\n          path: /x\n          body:\n            resourceType: Appointment\n            status: booked\n            slot: [{ reference: Slot/1 }]\n`) });
    expect(errors).toEqual([expect.stringMatching(/^suites\/test-pack\/s\.yaml:16:13: this body is a resource \(Appointment\) written straight under body: put it under json:/)]);
  });

  it('json: given as JSON text is read as its value, and text that does not parse is one error at it', () => {
    const ok = loadWorkspace({ root: tempProject({ [SUITE]: scenario(`      - name: post\n        request:\n          method: POST\n          path: /x\n          body: { json: '{"resourceType": "Appointment", "status": "booked"}' }\n`) }) });
    expect(ok.suites[0]!.scenarios[0]!.steps[0]!.request.body).toMatchObject({ kind: 'json', value: { resourceType: 'Appointment', status: 'booked' } });
    const errors = errorsOf({ [SUITE]: scenario(`      - name: post\n        request:\n          method: POST\n          path: /x\n          body: { json: '{"resourceType": "Appointment",' }\n`) });
    expect(errors).toEqual([expect.stringMatching(/^suites\/test-pack\/s\.yaml:15:\d+: json: this text starts like JSON but does not parse/)]);
  });

  it('with a filter, checks and compiles only the files and scenarios it can take (lint, without one, checks all)', () => {
    const two = scenario(`      - name: get\n        request: { method: GET, path: /x }\n        expect: { status: 200 }\n`).replace('  - id: T-001', '  - id: T-002\n    title: other\n    level: MUST\n    requirement: r\n    source: s\n    steps:\n      - name: get\n        request: { method: GET, path: /y }\n        expect: { status: 200 }\n  - id: T-001');
    const broken = `suite: b\npack: test-pack\ntitle: B\nscenarios:\n  - id: B-001\n    title: broken\n    level: MUST\n    requirement: r\n    source: s\n    steps:\n      - name: get\n        request: { method: GET, path: /x }\n        expekt: { status: 200 }\n`;
    const root = tempProject({ [SUITE]: two, 'suites/test-pack/b.yaml': broken });
    const wants = (sc: { id: string }) => sc.id.includes('T-001');
    const ws = loadWorkspace({ root, wants, mayMention: (text) => text.includes('T-001') });
    expect(ws.suites.map((s) => [s.name, s.scenarios.map((sc) => sc.id)])).toEqual([['s', ['T-001']]]);
    expect(() => loadWorkspace({ root })).toThrow(/expekt/);
  });

  it('with a filter, reads a pack\'s shared steps and fixtures only when one of its files is loaded, its errors where and in the order a full read gives them', () => {
    const other = TEST_PACK.replace('pack: test-pack', 'pack: other-pack');
    const brokenSteps = `steps:\n  a:\n    steps:\n      - name: get\n        request: { method: GET, path: /x }\n        expekt: { status: 200 }\n`;
    const files = {
      [SUITE]: scenario(`      - name: get\n        request: { method: GET, path: /x }\n        expekt: { status: 200 }\n`),
      'suites/test-pack/steps.yaml': brokenSteps,
      'suites/test-pack/fixtures/f.yaml': `a: [1\n`,
      'suites/test-pack/u.yaml': scenario(`      - name: get\n        request: { method: GET, path: /x }\n        expekt: { status: 200 }\n`).replace('suite: s', 'suite: u').replace('T-001', 'U-001'),
      'suites/other-pack/pack.yaml': other,
      'suites/other-pack/steps.yaml': brokenSteps,
      'suites/other-pack/o.yaml': scenario(`      - name: get\n        request: { method: GET, path: /x }\n`).replace('pack: test-pack', 'pack: other-pack').replace('T-001', 'O-001'),
    };
    const root = tempProject(files);
    const messages = (opts: Partial<Parameters<typeof loadWorkspace>[0]>) => {
      try {
        loadWorkspace({ root, ...opts });
      } catch (err) {
        if (err instanceof InputErrors) return err.errors.map((e) => e.message);
        throw err;
      }
      return [];
    };
    const all = messages({});
    // Both packs' steps.yaml (their suites are not checked while it is broken) and the fixture, in folder order.
    expect(all.map((m) => m.split(':').slice(0, 3).join(':'))).toEqual(['suites/other-pack/steps.yaml:6:9', 'suites/test-pack/steps.yaml:6:9', 'suites/test-pack/fixtures/f.yaml:2:1']);
    // A filter taking a scenario of test-pack reads test-pack's parts (the same errors, in the same order), not other-pack's.
    const wants = (sc: { id: string }) => sc.id === 'T-001';
    expect(messages({ wants, mayMention: (text) => text.includes('T-001') })).toEqual(all.slice(1));
    // A filter that takes nothing of a pack reads nothing of it.
    expect(messages({ wants: (sc) => sc.id === 'O-001', mayMention: (text) => text.includes('O-001') })).toEqual(all.slice(0, 1));
  });

  it('reports a FHIRPath syntax error at the offending character', () => {
    const errors = errorsOf({ [SUITE]: scenario(`      - name: get\n        request: { method: GET, path: /x }\n        expect:\n          fhirpath:\n            - Thing.a = = 1\n`) });
    expect(errors).toHaveLength(1);
    // 'Thing.a = = 1' starts at column 15; the second '=' is its 11th character.
    expect(errors[0]).toMatch(/^suites\/test-pack\/s\.yaml:15:25: FHIRPath syntax error/);
    expect(errors[0]).toContain('^');
  });

  it('reports a placeholder or %variable that no earlier step captured', () => {
    const errors = errorsOf({
      [SUITE]: scenario(`      - name: get\n        request: { method: GET, path: "/x/\${thing.id}" }\n        expect: { fhirpath: ["%other.exists()"] }\n`),
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/s\.yaml:12:\d+: \$\{thing\.id\}: 'thing' is not captured by an earlier step \(nothing is captured before this step\)/);
    expect(errors[1]).toMatch(/s\.yaml:13:\d+: FHIRPath reads %other, which is not captured/);
  });

  it('reports a missing body fixture, an unknown error code and an unknown profile', () => {
    const errors = errorsOf({
      [SUITE]: scenario(
        `      - name: post\n        request: { method: POST, path: /x, body: { fixture: nope } }\n        expect: { outcome: NOT_A_CODE, profile: Nope-1 }\n`,
      ),
    });
    expect(errors.some((e) => /s\.yaml:12:61: no fixture 'nope' in suites\/test-pack\/fixtures/.test(e))).toBe(true);
    expect(errors.some((e) => /s\.yaml:13:28: 'NOT_A_CODE' is not an error code of test-pack \(known: DUPLICATE_REJECTED\)/.test(e))).toBe(true);
    expect(errors.some((e) => /s\.yaml:13:49: no profile 'Nope-1' in profiles\//.test(e))).toBe(true);
  });

  it('reports YAML syntax problems such as a duplicate key', () => {
    const errors = errorsOf({ [SUITE]: `suite: s\nsuite: t\npack: test-pack\ntitle: T\n` });
    expect(errors[0]).toMatch(/^suites\/test-pack\/s\.yaml:2:1: YAML duplicate key/);
  });

  it('reports a scenario id used twice, pointing at the second and naming the first', () => {
    const one = scenario(`      - name: get\n        request: { method: GET, path: /x }\n`);
    const errors = errorsOf({ [SUITE]: one, 'suites/test-pack/t.yaml': one.replace('suite: s', 'suite: t') });
    expect(errors).toEqual([expect.stringMatching(/^suites\/test-pack\/t\.yaml:5:5: scenario id T-001 is already used at suites\/test-pack\/s\.yaml:5/)]);
  });

  it('reports an unknown shared step and a missing param', () => {
    const errors = errorsOf({
      'suites/test-pack/steps.yaml': `steps:\n  a:\n    params: { id: null }\n    steps:\n      - name: get\n        request: { method: GET, path: "/x/\${id}" }\n`,
      [SUITE]: scenario(`      - use: b\n      - use: a\n`),
    });
    expect(errors.some((e) => /s\.yaml:11:14: no shared step 'b' in suites\/test-pack\/steps\.yaml \(known: a\)/.test(e))).toBe(true);
    expect(errors.some((e) => /s\.yaml:12:9: shared step 'a' needs param 'id'/.test(e))).toBe(true);
    expect(errors).toHaveLength(2);
  });

  it('rejects a mutation table without exactly one mutated step', () => {
    const errors = errorsOf({
      [SUITE]: `suite: s\npack: test-pack\ntitle: T\nmutations:\n  - title: m\n    source: s\n    steps:\n      - name: a\n        request: { method: GET, path: /x }\n    rows:\n      - { id: T-002, title: t, requirement: r, remove: [a] }\n`,
    });
    expect(errors[0]).toMatch(/s\.yaml:8:7: a mutation table needs exactly one step with 'mutate: true' \(found 0\)/);
  });
});
