// What a run produces. These are the shapes reporters receive through events and
// the shape of reports/results.json.

import type { Level, SourcePos } from './suite.ts';

/** `info`: a MAY rule that does not hold — recorded, never a failure. */
export type ScenarioStatus = 'passed' | 'failed' | 'warned' | 'info' | 'skipped' | 'errored';

/** Why a scenario was not judged: the CLI tells "nothing was judged" apart from "all passed". */
export type SkipCause = 'not-implemented' | 'not-test-environment' | 'target-data' | 'bail' | 'deadline' | 'interrupted';

/** Why something could not be judged: the target's connection, or the suite/tool itself. */
export type ErrorCause = 'timeout' | 'deadline' | 'refused' | 'closed' | 'tls' | 'dns' | 'transport' | 'suite' | 'tool';

interface CheckBase {
  kind: string;
  level: Level;
  message: string;
  /** Where the check was written (suite or steps file), with its line. */
  pos?: SourcePos;
}

/**
 * One check's outcome: `pass` or `fail` judge the target; `error` means the check itself could not
 * be evaluated (e.g. a FHIRPath that throws), which is the suite's or the tool's fault, never the target's.
 */
export type CheckResult = (CheckBase & Verdict) | (CheckBase & { outcome: 'error'; cause: 'suite' | 'tool' });

/** What a check kind's judge decides about the target: it kept the rule (`pass`) or broke it (`fail`). */
export interface Verdict {
  outcome: 'pass' | 'fail';
  expected: unknown;
  actual: unknown;
  message: string;
}

/** A capture that found nothing: the target's answer lacked what later steps need (a failure). */
export interface CaptureFailure {
  name: string;
  /** The FHIRPath or header it looked for. */
  looked: string;
  /** `fail`: the answer lacked it (the target's failure); `error`: the expression itself threw (the suite's). */
  outcome: 'fail' | 'error';
  message: string;
  pos?: SourcePos;
}

/** A request as sent and as recorded (secrets redacted in the record). */
export interface HttpRequest {
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

interface StepBase {
  name: string;
  /** Where the step was written (a shared step: in steps.yaml). */
  pos?: SourcePos;
  /** What was (or would have been) sent, redacted; a step not built has only the method and base. */
  request: HttpRequest;
}

export type RaceEntry = { status: number; durationMs: number } | { error: string };

/**
 * One step, in one of three states: never built (a value it needs is missing, or the suite is
 * wrong), sent but no answer came (transport), or sent and answered (then judged by its checks).
 */
export type StepResult =
  | (StepBase & {
      state: 'not-built';
      /**
       * `missing-value`: an earlier answer of the target lacked a value this request needs (the target's failure);
       * `target-data`: the target lawfully has too little data for it (a compute: with orSkip: skipped); `suite`: the suite cannot be built (errored).
       */
      cause: 'missing-value' | 'target-data' | 'suite';
      message: string;
    })
  | (StepBase & {
      state: 'transport-failed';
      cause: ErrorCause;
      message: string;
      race?: RaceEntry[];
      attempts?: AttemptRecord[];
    })
  | (StepBase & {
      state: 'sent';
      response: RecordedResponse;
      checks: CheckResult[];
      captureFailures: CaptureFailure[];
      /** The target lawfully lacks data the scenario needs (e.g. too few free slots): the scenario is skipped. */
      skip?: string;
      /** Race steps: every response in arrival order (status and duration), the winner in `response`. */
      race?: RaceEntry[];
      /** Every try, when the target's retry policy made more than one; the last counts. */
      attempts?: AttemptRecord[];
    });

export type SentStep = Extract<StepResult, { state: 'sent' }>;

/** The checks of a step, or none for a step that was never answered. */
export function checksOf(step: StepResult): CheckResult[] {
  return step.state === 'sent' ? step.checks : [];
}

export interface ScenarioResult {
  id: string;
  pack: string;
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
  /** For an errored scenario: what could not run (JUnit's error type). */
  errorCause?: ErrorCause;
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
