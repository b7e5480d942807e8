// A pack written for two FHIR releases: each FHIRPath compiled per release and evaluated in the target's;
// one target running it twice as instances (pack@label); an entry that names no release refused at its place.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../loader/workspace.ts';
import type { Target, TargetPack } from '../model/target.ts';
import { fhirVersionErrors, readTargetsFile } from '../targets/load.ts';
import { tempProject } from '../testing/workspace.ts';
import { packsOfTarget, suitesOfTarget } from './instances.ts';
import { selectScenarios } from './select.ts';

const PACK = 'pack: two\ntitle: Two releases\nfhirVersion: [stu3, r4]\nauth: none\n';
const SUITE = `suite: s
pack: two
title: T
scenarios:
  - id: TWO-001
    title: t
    level: MUST
    requirement: r
    source: s
    steps:
      - name: metadata
        request: { method: GET, path: /metadata }
        expect:
          fhirpath:
            - CapabilityStatement.fhirVersion.is(FHIR.code)
`;

function project() {
  return tempProject({ 'suites/two/pack.yaml': PACK, 'suites/two/s.yaml': SUITE });
}

const entry = (fhirVersion?: 'stu3' | 'r4'): TargetPack => ({ base: 'http://x', headers: {}, auth: { kind: 'none' }, fixtures: {}, ...(fhirVersion ? { fhirVersion } : {}) });
const target = (packs: Record<string, TargetPack>): Target => ({ name: 't', file: 'targets.yaml', testEnvironment: true, timeoutMs: 1000, concurrency: 1, headers: {}, tls: { verify: true }, packs, secrets: [] });

describe('a pack for two FHIR releases', () => {
  it('lists both, and compiles each expression for both: the run evaluates the one of its release', () => {
    const ws = loadWorkspace({ root: project() });
    expect(ws.packs.get('two')).toMatchObject({ fhirVersion: 'stu3', fhirVersions: ['stu3', 'r4'] });
    const check = ws.suites[0]!.scenarios[0]!.steps[0]!.checks[0]!;
    if (check.kind !== 'fhirpath') throw new Error('expected a fhirpath check');
    const cs = { resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' };
    // fhirVersion is a code in the R4 model and an id in STU3.
    expect(check.assertion.compiled(cs, {}, 'r4')).toEqual([true]);
    expect(check.assertion.compiled(cs, {}, 'stu3')).toEqual([false]);
  });

  it('one target runs it once per instance entry, each in its own release, ids ending in @label', () => {
    const ws = loadWorkspace({ root: project() });
    const t = target({ 'two@stu3': entry('stu3'), 'two@r4': entry('r4') });
    expect(suitesOfTarget(ws, t).map((s) => [s.pack, s.scenarios.map((sc) => [sc.id, sc.packs])])).toEqual([
      ['two@stu3', [['TWO-001@stu3', ['two@stu3']]]],
      ['two@r4', [['TWO-001@r4', ['two@r4']]]],
    ]);
    const packs = packsOfTarget(ws.packs, t);
    expect([packs.get('two@stu3')?.fhirVersion, packs.get('two@r4')?.fhirVersion]).toEqual(['stu3', 'r4']);
    // The plain key runs the scenarios under their own ids, in the entry's release.
    const plain = target({ two: entry('r4') });
    expect(selectScenarios(ws, plain).suites.flatMap((s) => s.scenarios.map((sc) => sc.id))).toEqual(['TWO-001']);
    expect(packsOfTarget(ws.packs, plain).get('two')?.fhirVersion).toBe('r4');
  });

  it('an entry that names no release, or one the pack is not written for, is an error at its place', () => {
    const root = project();
    const file = join(root, 'targets.yaml');
    writeFileSync(file, 'targets:\n  t:\n    packs:\n      two:\n        base: http://x\n      two@b:\n        base: http://y\n        fhirVersion: r4\n');
    const ws = loadWorkspace({ root });
    const tf = readTargetsFile(file, root);
    expect(fhirVersionErrors(tf, tf.names, ws.packs).map((e) => e.message)).toEqual([expect.stringMatching(/^targets\.yaml:4:7: target 't': pack two is written for FHIR stu3 and r4: say which this endpoint speaks/)]);
    const single = new Map([['two', { ...ws.packs.get('two')!, fhirVersion: 'stu3' as const, fhirVersions: undefined }]]);
    writeFileSync(file, 'targets:\n  t:\n    packs:\n      two:\n        base: http://x\n        fhirVersion: r4\n');
    const tf2 = readTargetsFile(file, root);
    expect(fhirVersionErrors(tf2, tf2.names, single).map((e) => e.message)).toEqual([expect.stringMatching(/^targets\.yaml:6:22: target 't': pack two is written for FHIR stu3, not r4/)]);
  });
});
