// A step that receives a body must check what the body is about: replayed with the real status and
// headers but the body `{}`, a generic OperationOutcome or an empty searchset, at least one of its
// checks or captures must fail. Otherwise a target could answer anything with the right status.
// A step whose answer's body the spec leaves free says so with the clause (`bodyNotSpecified`): a
// handful of scenarios per pack.

import { describe, expect, it } from 'vitest';
import type { StepProbe } from './scenario.ts';
import { runAgainstReference } from '../session/reference.ts';
import { packOfEntry } from '../model/pack-entry.ts';

const BODIES: Record<string, unknown> = {
  '{}': {},
  'an OperationOutcome': {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'processing', details: { coding: [{ system: 'urn:example:not-a-pack-system', code: 'NOT_THE_EXPECTED_CODE' }] }, diagnostics: 'a generic error' }],
  },
  'an empty searchset': { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] },
};

function receivedBody(p: StepProbe): unknown {
  if (p.result.state !== 'sent' || p.result.skip) return undefined;
  const res = p.result.response;
  if (res.body.trim() === '') return undefined;
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A real answer that already is this body's kind (an empty search, an error) is judged on the other bodies.
 * An error the step checks as a plain FHIR error (outcome without a code: any OperationOutcome of that
 * status, in a pack without an error vocabulary) is of the generic OperationOutcome's kind.
 */
function sameKind(real: unknown, label: string, step: StepProbe['step']): boolean {
  const r = real as { resourceType?: string; entry?: unknown[] };
  // One practice of a federation (a step run `each` practice) may lawfully offer nothing: emptiness is judged
  // across the practices by the `compute:` that reads their answers, which fails the scenario when all are empty.
  if (label === 'an empty searchset' && step.each) return r.resourceType === 'Bundle';
  if (label === 'an empty searchset') return r.resourceType === 'Bundle' && (r.entry ?? []).length === 0;
  if (label === 'an OperationOutcome') return r.resourceType === 'OperationOutcome' && step.checks.some(isPlainOutcome);
  return false;
}

function isPlainOutcome(check: StepProbe['step']['checks'][number]): boolean {
  return check.kind === 'outcome' && check.code === undefined && !(check.alternatives ?? []).some((a) => a.code !== undefined);
}

describe('every step that receives a body checks it', () => {
  it('fails at least one check against {}, an OperationOutcome and an empty searchset', { timeout: 240_000 }, async () => {
    const vacuous: string[] = [];
    const free = new Set<string>();
    let probed = 0;
    await runAgainstReference({
      concurrency: 4,
      probe: (p) => {
        const real = receivedBody(p);
        if (real === undefined) return;
        if (p.step.bodyNotSpecified) {
          // Per pack; a scenario run again for another endpoint (an instance, id@label) is the same one.
          free.add(`${packOfEntry(p.scenario.packs[0] ?? '')} ${p.scenario.id.replace(/@.*$/, '')}`);
          return;
        }
        probed++;
        const passing = Object.entries(BODIES)
          .filter(([label]) => !sameKind(real, label, p.step))
          .filter(([, body]) => p.replay(body).length === 0)
          .map(([label]) => label);
        if (passing.length > 0) vacuous.push(`${p.scenario.id} / ${p.step.name}: passes ${passing.join(', ')}`);
      },
    });
    expect(probed).toBeGreaterThan(300);
    // Free bodies are the exception, each with its clause: a handful per pack, not a way out.
    const perPack = new Map<string, number>();
    for (const key of free) perPack.set(key.split(' ')[0]!, (perPack.get(key.split(' ')[0]!) ?? 0) + 1);
    expect([...perPack].filter(([, n]) => n > 5)).toEqual([]);
    expect([...new Set(vacuous)].sort()).toEqual([]);
  });
});
