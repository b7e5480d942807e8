import { Faker, base, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { compileFhirPath } from '../fhirpath/compile.ts';
import type { CaptureSpec } from '../model/suite.ts';
import { parseExpr, withinLength, type EvalScope } from '../template/expressions.ts';
import { evalExpr } from '../template/expressions.ts';
import { capture, type Claims } from './captures.ts';

const slots = (n: number) => ({ resourceType: 'Bundle', entry: Array.from({ length: n }, (_, i) => ({ resource: { resourceType: 'Slot', id: `s${i}` } })) });
const response = { status: 200, headers: {}, body: '', durationMs: 1 };

function spec(orSkip?: string): CaptureSpec {
  const expression = "Bundle.entry.resource.where(resourceType = 'Slot')";
  return { kind: 'fhirpath', name: 'slot', expression, compiled: compileFhirPath(expression, 'stu3'), pick: 'random', ...(orSkip ? { orSkip } : {}) };
}

function ledger(): Claims & { held: Set<string> } {
  const held = new Set<string>();
  return { held, claim: (k) => (held.has(k) ? false : (held.add(k), true)), release: (k) => void held.delete(k) };
}

describe('pick: random', () => {
  it('picks the same item for the same seed, whatever else the scenario generated', () => {
    const a = capture(spec(), response, slots(10), {}, { pickSeed: 42, claims: ledger() });
    const b = capture(spec(), response, slots(10), {}, { pickSeed: 42, claims: ledger() });
    const c = capture(spec(), response, slots(10), {}, { pickSeed: 43, claims: ledger() });
    expect(a).toEqual(b);
    expect(a.ok && c.ok).toBe(true);
    const picks = new Set([42, 43, 44, 45, 46].map((seed) => JSON.stringify(capture(spec(), response, slots(10), {}, { pickSeed: seed, claims: ledger() }))));
    expect(picks.size).toBeGreaterThan(1);
  });

  it('never hands one item to two holders, and fails when all are held', () => {
    const claims = ledger();
    const got = [1, 2, 3].map((seed) => capture(spec(), response, slots(3), {}, { pickSeed: seed, claims }));
    expect(new Set(got.map((g) => JSON.stringify(g))).size).toBe(3);
    const fourth = capture(spec(), response, slots(3), {}, { pickSeed: 4, claims });
    expect(fourth).toMatchObject({ ok: false, message: expect.stringMatching(/held by another scenario/) });
  });

  it('orSkip skips instead of failing when nothing is found or everything is held', () => {
    expect(capture(spec('needs a free slot'), response, slots(0), {}, { pickSeed: 1, claims: ledger() })).toMatchObject({ ok: false, skip: expect.stringMatching(/^needs a free slot \(the target offered none/) });
    const claims = ledger();
    capture(spec(), response, slots(1), {}, { pickSeed: 1, claims });
    expect(capture(spec('needs a free slot'), response, slots(1), {}, { pickSeed: 2, claims })).toMatchObject({ ok: false, skip: expect.stringMatching(/held by another scenario/) });
  });
});

describe('generated values', () => {
  const scope = (seed: number): EvalScope => ({ vars: {}, fixtures: {}, take: () => undefined, clock: new Date('2026-11-23T09:00:00Z'), faker: new Faker({ locale: [en, base], seed }), base: 'x' });
  it('cuts faker text to a limit at a word boundary', () => {
    expect(withinLength('alpha beta gamma', 11)).toBe('alpha beta');
    expect(withinLength('alphabetagamma', 5)).toBe('alpha');
    expect(withinLength('short', 100)).toBe('short');
    for (let seed = 0; seed < 200; seed++) {
      const text = evalExpr(parseExpr('fake:lorem.paragraph:100'), scope(seed), 'x') as string;
      expect(text.length).toBeLessThanOrEqual(100);
      expect(text.length).toBeGreaterThan(20);
    }
  });
  it('seeds ${uuid}', () => {
    const u = (seed: number) => evalExpr(parseExpr('uuid'), scope(seed), 'x');
    expect(u(5)).toBe(u(5));
    expect(u(5)).not.toBe(u(6));
    expect(u(5)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
