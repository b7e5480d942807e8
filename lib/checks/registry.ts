// Every check kind, one line each. The order is the order a step's checks are converted and reported in,
// so reports read the same way for every step.

import { body } from './body.ts';
import { contentType } from './content-type.ts';
import { etag } from './etag.ts';
import { fhirpath } from './fhirpath.ts';
import { headers } from './headers.ts';
import { lastModified } from './last-modified.ts';
import { location } from './location.ts';
import { outcome } from './outcome.ts';
import { profile } from './profile.ts';
import { status } from './status.ts';
import { statuses } from './statuses.ts';
import type { CheckKind, CheckSpec } from '../model/suite.ts';
import type { CheckDef } from './types.ts';

export const CHECKS = [
  status,
  statuses,
  headers,
  contentType,
  location,
  etag,
  lastModified,
  body,
  outcome,
  profile,
  fhirpath,
] as const;

// Any record, whatever its kind: the lookup below holds them all.
type AnyDef = CheckDef<any, any, any, any>;
type Registered = (typeof CHECKS)[number];
type SpecOf<D> = D extends CheckDef<string, string, infer _R, infer S> ? S : never;
type RawOf<D> = D extends CheckDef<string, string, infer R, infer _S> ? R : never;

// The spec union lives in model/ (CheckSpecs, filled in by each kind's file); a kind whose file adds
// its spec but is not listed above, or the other way round, is a compile error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: Same<SpecOf<Registered>, CheckSpec> = true;
void agree;

/** The check keys of a step's `expect:` after schema validation, each typed by its record. */
export type RawChecks = { [D in Registered as D['yamlKey']]?: RawOf<D> };

const byKind = new Map<string, AnyDef>(CHECKS.map((d) => [d.kind, d]));

/** The record of a spec's kind (a kind the loader built always has one). */
export function checkDef<K extends CheckKind>(kind: K): CheckDef<K, string, unknown, Extract<CheckSpec, { kind: K }>> {
  return byKind.get(kind)!;
}
