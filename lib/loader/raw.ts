// Shapes of suite YAML after schema validation (so these casts are safe).

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

export type RawHeaderRule = 'present' | 'absent' | { equals?: string | number; matches?: string; contains?: string };

export type RawOutcome = string | { code: string; status: number | number[] };

export interface RawExpect {
  status?: number | number[];
  headers?: Record<string, RawHeaderRule>;
  location?: 'history' | 'resource';
  etag?: 'version';
  lastModified?: 'lastUpdated';
  contentType?: string;
  fhirpath?: Array<string | { expr: string; description?: string }>;
  outcome?: RawOutcome | RawOutcome[];
  profile?: string;
  body?: 'empty' | 'present';
  statuses?: Record<string, number>;
  losers?: RawExpect;
}

export type RawCapture = string | { fhirpath: string; pick?: 'first' | 'random' | 'all'; orSkip?: string } | { header: string };

export interface RawRequestStep {
  name: string;
  let?: Record<string, RawValue>;
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
