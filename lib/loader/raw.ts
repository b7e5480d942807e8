// Shapes of suite YAML after schema validation (so these casts are safe).

import type { RawChecks } from '../checks/index.ts';

export type RawValue = unknown;

export interface RawJwt {
  raw?: string;
  remove?: string[];
  set?: Record<string, RawValue>;
  header?: Record<string, RawValue>;
}

export interface RawRequest {
  method: string;
  path: string;
  pack?: string;
  interaction?: string;
  query?: Record<string, string | number | boolean | null | Array<string | number>>;
  headers?: Record<string, string | number | null>;
  jwt?: false | RawJwt;
  body?: { fixture: string; set?: Record<string, RawValue>; remove?: string[] } | { json: RawValue; set?: Record<string, RawValue>; remove?: string[] } | { raw: string; contentType?: string };
}

/** A step's `expect:`: each check kind's key, typed by its record in lib/checks, and the losers' checks of a race. */
export type RawExpect = RawChecks & {
  losers?: RawExpect;
};

export type RawCapture = string | { fhirpath: string; pick?: 'first' | 'random' | 'all'; orSkip?: string } | { header: string };

export type RawCompute = string | { fhirpath: string; pick?: 'first' | 'all'; orSkip?: string };

export interface RawRequestStep {
  name: string;
  let?: Record<string, RawValue>;
  compute?: Record<string, RawCompute>;
  when?: string;
  each?: { in: RawValue; as: string };
  request: RawRequest;
  race?: number;
  timeoutMs?: number;
  bodyNotSpecified?: string;
  mutate?: boolean;
  expect?: RawExpect;
  /** Not in YAML: set by a mutation row, whose expectations are written on the row or its table. */
  expectPath?: Array<string | number>;
  capture?: Record<string, RawCapture>;
}

export interface RawUseStep {
  use: string;
  with?: Record<string, RawValue>;
}

export type RawStep = RawRequestStep | RawUseStep;

export interface RawScenario {
  id: string;
  title: string;
  level: 'MUST' | 'SHOULD' | 'MAY';
  requirement: string;
  source: string;
  tags?: string[];
  steps: RawStep[];
}

export interface RawMutationRow {
  id: string;
  title: string;
  requirement: string;
  source?: string;
  level?: 'MUST' | 'SHOULD' | 'MAY';
  tags?: string[];
  remove?: string[];
  set?: Record<string, RawValue>;
  headers?: Record<string, string | number | null>;
  query?: RawRequest['query'];
  jwt?: false | RawJwt;
  expect?: RawExpect;
}

export interface RawMutationTable {
  title: string;
  level?: 'MUST' | 'SHOULD' | 'MAY';
  source?: string;
  tags?: string[];
  steps: RawStep[];
  expect?: RawExpect;
  rows: RawMutationRow[];
}

export interface RawSuite {
  suite: string;
  pack: string;
  title: string;
  source?: string;
  scenarios?: RawScenario[];
  mutations?: RawMutationTable[];
}

export interface RawSharedStep {
  description?: string;
  params?: Record<string, RawValue>;
  steps: RawStep[];
}

export interface RawStepsFile {
  steps: Record<string, RawSharedStep>;
}

export function isUseStep(step: RawStep): step is RawUseStep {
  return 'use' in step;
}
