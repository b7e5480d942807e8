import type { ErrorObject } from 'ajv';

/** The rule a resource broke, as a reader of a report would name it. */
export type IssueRule = 'unknown-element' | 'wrong-type' | 'too-many' | 'too-few' | 'not-in-value-set' | 'unknown-resource' | 'profile';

export interface ProfileIssue {
  /** JSON pointer into the response body, e.g. /participant/0/actor */
  path: string;
  /** FHIRPath-like location, e.g. Appointment.participant[1].actor.reference */
  location: string;
  rule: IssueRule;
  message: string;
  /** 'fhir': the base FHIR definition of the resource type; 'profile': the NHS profile in profiles/. */
  layer: 'fhir' | 'profile';
}

/** Where a resource sits in the body: its JSON pointer and FHIRPath-like location (the root: '' and its type). */
export interface Anchor {
  pointer: string;
  location: string;
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** /participant/1/actor below Appointment → Appointment.participant[1].actor */
export function locationOf(anchor: Anchor, pointer: string, extra?: string): string {
  let out = anchor.location;
  for (const seg of [...segmentsOf(pointer), ...(extra !== undefined ? [extra] : [])]) out += /^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`;
  return out;
}

function pointerOf(anchor: Anchor, pointer: string, extra?: string): string {
  return anchor.pointer + pointer + (extra !== undefined ? `/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}` : '');
}

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

const COMBINATORS = new Set(['if', 'oneOf', 'anyOf', 'allOf', 'not', '$ref']);

/**
 * ajv's errors for one resource against its base FHIR definition, as the few issues a person acts on:
 * one per location, the shape error (wrong type, a list where one value goes) before what it hides,
 * never the combinators' summaries. `typeName` names the FHIR type of the schema an error came from.
 */
export function fhirIssues(errors: readonly ErrorObject[], anchor: Anchor, typeName: (schema: unknown) => string | undefined): ProfileIssue[] {
  const byWhere = new Map<string, ProfileIssue>();
  for (const e of errors) {
    if (COMBINATORS.has(e.keyword)) continue;
    const issue = fhirIssue(e, anchor, typeName);
    if (!issue) continue;
    const held = byWhere.get(issue.path);
    if (!held || rank(issue.rule) < rank(held.rule)) byWhere.set(issue.path, issue);
  }
  const issues = [...byWhere.values()];
  // An issue below a value of the wrong shape only repeats it.
  return issues.filter((i) => !issues.some((o) => o !== i && (o.rule === 'wrong-type' || o.rule === 'too-many') && i.path.startsWith(o.path + '/')));
}

function rank(rule: IssueRule): number {
  return ['unknown-resource', 'too-many', 'wrong-type', 'unknown-element', 'too-few', 'not-in-value-set', 'profile'].indexOf(rule);
}

function fhirIssue(e: ErrorObject, anchor: Anchor, typeName: (schema: unknown) => string | undefined): ProfileIssue | undefined {
  const params = e.params as Record<string, unknown>;
  const at = (rule: IssueRule, message: string, extra?: string): ProfileIssue => ({
    path: pointerOf(anchor, e.instancePath, extra),
    location: locationOf(anchor, e.instancePath, extra),
    rule,
    message,
    layer: 'fhir',
  });
  const type = typeName(e.parentSchema);
  switch (e.keyword) {
    case 'additionalProperties':
      return at('unknown-element', 'not in the base definition of its type', String(params['additionalProperty']));
    case 'required':
      return at('too-few', 'required (min 1), missing', String(params['missingProperty']));
    case 'minItems':
      return at('too-few', `at least ${String(params['limit'])} required, got ${Array.isArray(e.data) ? e.data.length : 0}`);
    case 'type': {
      const expected = String(params['type']);
      if (Array.isArray(e.data) && expected !== 'array') return at('too-many', `max 1, got ${jsonTypeOf(e.data)}`);
      if (expected === 'array') return at('wrong-type', `repeats (max *): expected an array, got ${jsonTypeOf(e.data)}`);
      return at('wrong-type', `expected ${type ? `a ${type}` : expected} (JSON ${expected}), got ${jsonTypeOf(e.data)}`);
    }
    case 'pattern':
    case 'minimum':
      return at('wrong-type', `not a valid ${type ?? 'value'}: ${JSON.stringify(e.data)}`);
    case 'enum': {
      const vs = (e.parentSchema as { 'x-valueSet'?: string } | undefined)?.['x-valueSet'];
      const allowed = (params['allowedValues'] as unknown[]).map(String).join(' | ');
      return at('not-in-value-set', `${JSON.stringify(e.data)} is not one of ${vs ? `${vs}: ` : ''}${allowed}`);
    }
    case 'const':
      return at('wrong-type', `must be ${JSON.stringify(params['allowedValue'])}, got ${JSON.stringify(e.data)}`);
    default:
      return at('wrong-type', e.message ?? e.keyword);
  }
}
