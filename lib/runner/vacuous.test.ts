// A step that receives a body must check what the body is about: replayed with the real status and
// headers but the body `{}`, a generic OperationOutcome or an empty searchset, at least one of its
// checks or captures must fail. Otherwise a target could answer anything with the right status.
// A step whose answer's body the spec leaves free says so with the clause (`bodyNotSpecified`).

import { describe, expect, it } from 'vitest';
import type { StepProbe } from './scenario.ts';
import { runAgainstReference } from '../session/reference.ts';

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

/** A real answer that already is this body's kind (an empty search, an error) is judged on the other bodies. */
function sameKind(real: unknown, label: string): boolean {
  const r = real as { resourceType?: string; entry?: unknown[] };
  if (label === 'an empty searchset') return r.resourceType === 'Bundle' && (r.entry ?? []).length === 0;
  return false;
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
          free.add(`${p.scenario.id} / ${p.step.name}`);
          return;
        }
        probed++;
        const passing = Object.entries(BODIES)
          .filter(([label]) => !sameKind(real, label))
          .filter(([, body]) => p.replay(body).length === 0)
          .map(([label]) => label);
        if (passing.length > 0) vacuous.push(`${p.scenario.id} / ${p.step.name}: passes ${passing.join(', ')}`);
      },
    });
    expect(probed).toBeGreaterThan(300);
    // Free bodies are the exception, each with its clause: a handful, not a way out.
    expect(free.size).toBeLessThanOrEqual(5);
    expect([...new Set(vacuous)].sort()).toEqual([]);
  });
});
