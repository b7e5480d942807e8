import { Faker, base } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { MissingCapturedValue, parseExpr, TemplateSyntaxError, type EvalScope } from './expressions.ts';
import { interpolate } from './interpolate.ts';
import { isValidNhsNumber, randomNhsNumber } from '../common/nhs-number.ts';
import { parsePath, PathNotFoundError, PathSyntaxError, removeAt, setAt } from '../common/body-path.ts';
import { formatLondonDateTime } from '../common/london-time.ts';
import { londonDayAt } from './time.ts';

const scope = (clock: string): EvalScope => ({
  vars: { slot: { id: '7', start: '2026-11-23T09:00:00+00:00' } },
  fixtures: { nhsNumber: '9990000042' },
  take: () => 'taken',
  clock: new Date(clock),
  faker: new Faker({ locale: base, seed: 1 }),
  base: 'https://x/fhir',
});

describe('London time', () => {
  it('writes winter times with +00:00 and summer times with +01:00', () => {
    expect(formatLondonDateTime(new Date('2026-01-15T09:00:00Z'))).toBe('2026-01-15T09:00:00+00:00');
    expect(formatLondonDateTime(new Date('2026-07-15T08:00:00Z'))).toBe('2026-07-15T09:00:00+01:00');
  });
  it('counts working days, skipping the weekend', () => {
    // 2026-11-21 is a Saturday: the next working day is Monday the 23rd, the second Tuesday.
    expect(formatLondonDateTime(londonDayAt(new Date('2026-11-21T12:00:00Z'), '+1wd@09:10')!)).toBe('2026-11-23T09:10:00+00:00');
    expect(formatLondonDateTime(londonDayAt(new Date('2026-11-21T12:00:00Z'), '+2wd@09:10')!)).toBe('2026-11-24T09:10:00+00:00');
    expect(formatLondonDateTime(londonDayAt(new Date('2026-11-23T12:00:00Z'), '-1wd@08:00')!)).toBe('2026-11-20T08:00:00+00:00');
  });
  it('keeps the wall-clock time across the clocks going forward', () => {
    // 2026-03-29 is the spring transition: 09:00 the day before is GMT, the day after BST.
    expect(formatLondonDateTime(londonDayAt(new Date('2026-03-28T12:00:00Z'), '+2d@09:00')!)).toBe('2026-03-30T09:00:00+01:00');
  });
});

describe('placeholders', () => {
  it('keeps the type of a whole-string placeholder and formats inside text', () => {
    expect(interpolate({ a: '${slot}', b: 'Slot/${slot.id}', n: '${fixture.nhsNumber}' }, scope('2026-11-21T13:00:00Z'))).toEqual({
      a: { id: '7', start: '2026-11-23T09:00:00+00:00' },
      b: 'Slot/7',
      n: '9990000042',
    });
    expect(interpolate('${epoch:+300s}', scope('2026-11-21T13:00:00Z'))).toBe(Date.parse('2026-11-21T13:05:00Z') / 1000);
    expect(interpolate('${date:+1d}', scope('2026-11-21T23:30:00Z'))).toBe('2026-11-22');
    expect(interpolate('${repeat:ab:3}', scope('2026-11-21T13:00:00Z'))).toBe('ababab');
  });
  it('leaves out the array element of an absent optional value ${x?}, and only there', () => {
    const s = (vars: Record<string, unknown>): EvalScope => ({ ...scope('2026-11-21T13:00:00Z'), vars });
    const body = { participant: [{ actor: { reference: 'Patient/1' } }, { actor: { reference: '${pr?}' }, status: 'accepted' }] };
    const kept = { participant: [{ actor: { reference: 'Patient/1' } }, { actor: { reference: 'Practitioner/2' }, status: 'accepted' }] };
    expect(interpolate(body, s({ pr: 'Practitioner/2' }))).toEqual(kept);
    expect(interpolate(body, s({ pr: ['Practitioner/2'] }))).toEqual(kept); // a pick: all capture of one item
    for (const absent of [[], null]) expect(interpolate(body, s({ pr: absent }))).toEqual({ participant: [{ actor: { reference: 'Patient/1' } }] });
    expect(() => interpolate({ actor: { reference: '${pr?}' } }, s({ pr: [] }))).toThrow(MissingCapturedValue);
    expect(() => interpolate(body, s({ pr: ['a', 'b'] }))).toThrow(/one item/);
    expect(() => parseExpr('fixture.x?')).toThrow(TemplateSyntaxError);
  });
  it('rejects unknown functions and env in suites at parse time', () => {
    expect(() => parseExpr('nowish')).not.toThrow(); // a variable name, checked by the analyser
    expect(() => parseExpr('bogus:1')).toThrow(TemplateSyntaxError);
    expect(() => parseExpr('env:SECRET')).toThrow(/belongs in targets files/);
    expect(() => parseExpr('date:tomorrow')).toThrow(/offset like \+1d/);
  });
});

describe('NHS numbers', () => {
  it('checks the modulus-11 digit and generates valid numbers', () => {
    expect(isValidNhsNumber('9990000042')).toBe(true);
    expect(isValidNhsNumber('9990000043')).toBe(false);
    let i = 0;
    for (let n = 0; n < 50; n++) expect(isValidNhsNumber(randomNhsNumber((max) => (i = (i * 7919 + 13) % max)))).toBe(true);
  });
});

describe('body paths', () => {
  it('removes and sets by index, by field value and by prefix', () => {
    const body = { participant: [{ actor: { reference: 'Patient/1' } }, { actor: { reference: 'Location/2' } }], contained: [{ resourceType: 'Organization', name: 'x' }] };
    removeAt(body, 'participant[actor.reference^=Location/]');
    setAt(body, 'contained[resourceType=Organization].name', 'y');
    setAt(body, 'meta.profile', ['p']);
    expect(body).toEqual({ participant: [{ actor: { reference: 'Patient/1' } }], contained: [{ resourceType: 'Organization', name: 'y' }], meta: { profile: ['p'] } });
    expect(() => removeAt(body, 'participant[actor.reference^=Location/]')).toThrow(PathNotFoundError);
  });
  it('appends with [+], creating the array when absent, and never in the middle of a path or in a remove', () => {
    const body: Record<string, unknown> = { extension: [{ url: 'a' }] };
    setAt(body, 'extension[+]', { url: 'b' });
    setAt(body, 'modifierExtension[+]', { url: 'c' });
    setAt(body, 'contained[+]', { resourceType: 'Organization' });
    expect(body).toEqual({ extension: [{ url: 'a' }, { url: 'b' }], modifierExtension: [{ url: 'c' }], contained: [{ resourceType: 'Organization' }] });
    expect(() => parsePath('extension[+].url')).toThrow(PathSyntaxError);
    expect(() => removeAt(body, 'extension[+]')).toThrow(PathSyntaxError);
  });
});
