// What a run produces. These are the shapes reporters receive through events and
// the shape of reports/results.json.

import type { Level, SourcePos } from './suite.ts';

/** `info`: a MAY rule that does not hold — recorded, never a failure. */
export type ScenarioStatus = 'passed' | 'failed' | 'warned' | 'info' | 'skipped' | 'errored';

/** Why a scenario was not judged: the CLI tells "nothing was judged" apart from "all passed". */
export type SkipCause = 'not-implemented' | 'not-test-environment' | 'target-data' | 'bail' | 'deadline' | 'interrupted';

export interface CheckResult {
  kind: string;
  level: Level;
  passed: boolean;
  expected: unknown;
  actual: unknown;
  message: string;
  /** Where the check or capture was written (suite or steps file), with its line. */
  pos?: SourcePos;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  /** Reports keep only the first keptBytes of a long body (receivedBytes were received). */
  bodyCut?: { keptBytes: number; receivedBytes: number };
  /** Reading stopped past the target's maxBodyBytes: the rest of the body was never read. */
  truncated?: { limitBytes: number; receivedBytes: number };
  /** The body is not valid UTF-8 (first bad byte at offset); `body` shows it with U+FFFD. */
  invalidUtf8?: { offset: number };
}

/** One try of a request under a retry policy (targets.yaml retry); the last one is the step's. */
export type AttemptRecord = { status: number; durationMs: number } | { error: string; durationMs: number };

export interface StepResult {
  name: string;
  /** Where the step was written (a shared step: in steps.yaml). */
  pos?: SourcePos;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Race steps: every response in arrival order (status and duration), the winner in `response`. */
  race?: Array<{ status: number; durationMs: number } | { error: string }>;
  /** Every try, when the target's retry policy made more than one; the last counts. */
  attempts?: AttemptRecord[];
  checks: CheckResult[];
  /** Set when the step could not run (transport, timeout, tool fault). */
  error?: string;
  /** Set when the target lawfully lacks data the scenario needs (e.g. too few free slots): the scenario is skipped. */
  skip?: string;
}

export interface ScenarioResult {
  id: string;
  spec: string;
  suite: string;
  file: string;
  title: string;
  level: Level;
  requirement: string;
  source: string;
  status: ScenarioStatus;
  /** One line: why the scenario failed, errored or was skipped. */
  reason?: string;
  skipCause?: SkipCause;
  steps: StepResult[];
  durationMs: number;
}

export interface RunSummary {
  target: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  total: number;
  passed: number;
  failed: number;
  warned: number;
  info: number;
  skipped: number;
  errored: number;
  /** Set when the run stopped early (interrupted, internal error): the reports hold what it had. */
  incomplete?: string;
}
