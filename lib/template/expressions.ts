// `${...}` placeholders in suite files. Parsed at load time so a typo is a file:line:col
// error before anything is sent; evaluated per step against the scenario's scope.

import type { Faker } from '@faker-js/faker';
import { formatLondonDate, formatLondonDateTime } from '../common/london-time.ts';
import { londonDayAt, parseOffset } from './time.ts';
import { randomNhsNumber } from '../common/nhs-number.ts';

export type TemplateExpr =
  /**
   * A captured value or shared-step param: slot, slot.id, slot.schedule.reference, bundle.entry[0].
   * `optional` (written `${name?}`): a value the target may lawfully lack; see interpolate().
   */
  | { kind: 'var'; name: string; path: Array<string | number>; optional?: boolean }
  /** A value the target provides: fixture.nhsNumber */
  | { kind: 'fixture'; key: string; path: Array<string | number> }
  /** The next unused item of a fixture list (each scenario gets its own): take:unbookedUbrns */
  | { kind: 'take'; key: string }
  | { kind: 'fn'; name: FnName; arg: string };

const FUNCTIONS = ['now', 'date', 'dateTime', 'epoch', 'uuid', 'fake', 'nhsNumber', 'repeat', 'base'] as const;
export type FnName = (typeof FUNCTIONS)[number];

export class TemplateSyntaxError extends Error {}

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Every `${...}` body in a string, in order. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

function parsePathTail(tail: string, whole: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/y;
  let pos = 0;
  while (pos < tail.length) {
    re.lastIndex = pos;
    const m = re.exec(tail);
    if (!m) throw new TemplateSyntaxError(`cannot read '\${${whole}}': expected .name or [n] at '${tail.slice(pos)}'`);
    out.push(m[1] !== undefined ? m[1] : Number(m[2]));
    pos = re.lastIndex;
  }
  return out;
}

export function parseExpr(body: string): TemplateExpr {
  const text = body.trim();
  const colon = text.indexOf(':');
  if (colon > 0 && /^[A-Za-z]+$/.test(text.slice(0, colon))) {
    const name = text.slice(0, colon);
    const arg = text.slice(colon + 1);
    if (name === 'take') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg)) throw new TemplateSyntaxError(`'\${take:${arg}}': take needs a fixture name`);
      return { kind: 'take', key: arg };
    }
    if (name === 'env') throw new TemplateSyntaxError(`'\${env:...}' belongs in targets files, not in suites`);
    return checkFn(name, arg, text);
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(.*?)(\?)?$/.exec(text);
  if (!m) throw new TemplateSyntaxError(`cannot read '\${${text}}'`);
  const root = m[1]!;
  const optional = m[3] === '?';
  if ((FUNCTIONS as readonly string[]).includes(root) && m[2] === '' && !optional) return checkFn(root, '', text);
  const path = parsePathTail(m[2]!, text);
  if (optional) {
    if (root === 'fixture') throw new TemplateSyntaxError(`'\${${text}}': only captured values can be optional`);
    return { kind: 'var', name: root, path, optional: true };
  }
  if (root === 'fixture') {
    const [key, ...rest] = path;
    if (typeof key !== 'string') throw new TemplateSyntaxError(`'\${${text}}': name the fixture, e.g. \${fixture.nhsNumber}`);
    return { kind: 'fixture', key, path: rest };
  }
  return { kind: 'var', name: root, path };
}

function checkFn(name: string, arg: string, text: string): TemplateExpr {
  if (!(FUNCTIONS as readonly string[]).includes(name)) {
    throw new TemplateSyntaxError(`unknown function '${name}' in '\${${text}}' (known: ${FUNCTIONS.join(', ')}, take)`);
  }
  const fn = name as FnName;
  const bad = (hint: string) => new TemplateSyntaxError(`'\${${text}}': ${hint}`);
  switch (fn) {
    case 'now':
    case 'epoch':
      if (arg !== '' && parseOffset(arg) === undefined) throw bad(`offset must look like +5m, -300s, +1d`);
      break;
    case 'date':
    case 'dateTime':
      if (arg !== '' && londonDayAt(new Date(0), arg) === undefined && parseOffset(arg) === undefined) {
        throw bad(`expected an offset like +1d, +1wd (working days), or +1d@09:00 (London wall-clock time)`);
      }
      break;
    case 'repeat':
      if (!/^.+:\d+$/.test(arg)) throw bad(`expected repeat:<text>:<count>, e.g. repeat:x:101`);
      break;
    case 'fake':
      if (!/^[a-z]+\.[A-Za-z]+(:\d+)?$/.test(arg)) throw bad(`expected fake:<module>.<method>[:<max length>], e.g. fake:person.lastName or fake:lorem.sentence:100`);
      break;
    default:
      break;
  }
  return { kind: 'fn', name: fn, arg };
}

export interface EvalScope {
  vars: Readonly<Record<string, unknown>>;
  fixtures: Readonly<Record<string, unknown>>;
  take(key: string): unknown;
  /** The run's one clock read. */
  clock: Date;
  faker: Faker;
  base: string;
}

export class TemplateEvalError extends Error {}

/** A captured value lacks a field a later request needs: the target's earlier answer was short of it. */
export class MissingCapturedValue extends TemplateEvalError {}

function dig(value: unknown, path: Array<string | number>, label: string, Missing: typeof TemplateEvalError): unknown {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') {
      throw new Missing(`\${${label}}: no '${seg}' in ${JSON.stringify(cur)?.slice(0, 80)}`);
    }
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  if (cur === undefined) throw new Missing(`\${${label}} has no value`);
  return cur;
}

/** Thrown for an optional value that is absent; interpolate() drops the array element holding it. */
export class AbsentOptionalValue extends MissingCapturedValue {}

/** A `pick: all` capture is a list: its only item is the value; no item (or null) means absent. */
function optionalValue(value: unknown, path: Array<string | number>, label: string): unknown {
  let cur = value;
  if (Array.isArray(cur)) {
    if (cur.length > 1) throw new TemplateEvalError(`\${${label}}: an optional value must be one item, got ${cur.length}`);
    cur = cur[0];
  }
  if (cur === null || cur === undefined) throw new AbsentOptionalValue(`\${${label}} has no value`);
  return dig(cur, path, label, AbsentOptionalValue);
}

function timeAt(scope: EvalScope, arg: string): Date {
  const plain = parseOffset(arg);
  if (arg === '' || plain !== undefined) return new Date(scope.clock.getTime() + (plain ?? 0));
  return londonDayAt(scope.clock, arg)!;
}

export function evalExpr(expr: TemplateExpr, scope: EvalScope, label: string): unknown {
  switch (expr.kind) {
    case 'var':
      if (!(expr.name in scope.vars)) throw new TemplateEvalError(`\${${label}}: '${expr.name}' was not captured`);
      if (expr.optional) return optionalValue(scope.vars[expr.name], expr.path, label);
      return dig(scope.vars[expr.name], expr.path, label, MissingCapturedValue);
    case 'fixture':
      if (!(expr.key in scope.fixtures)) throw new TemplateEvalError(`\${${label}}: the target has no fixture '${expr.key}'`);
      return dig(scope.fixtures[expr.key], expr.path, label, TemplateEvalError);
    case 'take':
      return scope.take(expr.key);
    case 'fn':
      // A name the scenario bound or captured wins over a bare built-in of the same name.
      if (expr.arg === '' && expr.name in scope.vars) return scope.vars[expr.name];
      return evalFn(expr.name, expr.arg, scope);
  }
}

function evalFn(name: FnName, arg: string, scope: EvalScope): unknown {
  switch (name) {
    case 'now':
      return formatLondonDateTime(timeAt(scope, arg));
    case 'dateTime':
      return formatLondonDateTime(timeAt(scope, arg));
    case 'date':
      return formatLondonDate(timeAt(scope, arg));
    case 'epoch':
      return Math.floor(timeAt(scope, arg).getTime() / 1000);
    case 'uuid':
      // Seeded like every other generated value: same seed, same request.
      return scope.faker.string.uuid();
    case 'nhsNumber':
      return randomNhsNumber((max) => scope.faker.number.int({ min: 0, max: max - 1 }));
    case 'repeat': {
      const i = arg.lastIndexOf(':');
      return arg.slice(0, i).repeat(Number(arg.slice(i + 1)));
    }
    case 'fake': {
      const [call, max] = arg.split(':') as [string, string | undefined];
      const [mod, method] = call.split('.') as [string, string];
      const fn = (scope.faker as unknown as Record<string, Record<string, unknown>>)[mod]?.[method];
      if (typeof fn !== 'function') throw new TemplateEvalError(`\${fake:${arg}}: faker has no ${call}()`);
      const value = (fn as () => unknown).call((scope.faker as unknown as Record<string, unknown>)[mod]);
      return max === undefined ? value : withinLength(String(value), Number(max));
    }
    case 'base':
      return scope.base;
  }
}

/** Cuts generated text to a spec's length limit, at a word boundary where there is one. */
export function withinLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '');
}
