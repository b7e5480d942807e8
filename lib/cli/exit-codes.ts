// The exit codes of every command, decided here and nowhere else (the runner only counts).

import type { RunSummary, ScenarioResult } from '../model/result.ts';

export const EXIT = {
  /** Every MUST check passed. */
  ok: 0,
  /** At least one MUST check failed (the target broke a rule); diff: something regressed; verify: the evidence pack does not match its manifest. */
  failed: 1,
  /** Usage, suite or target error: nothing was sent (verify: the folder is not a readable evidence pack). */
  input: 2,
  /** Errored checks (transport, timeout, tool) and no failures. */
  errored: 3,
  /** Nothing was judged: the filters selected no scenario, or every writing scenario was skipped for lack of testEnvironment (--allow-empty accepts it). */
  nothingJudged: 4,
  /** The tool failed after requests went out; the reports hold what it had, marked incomplete. */
  internal: 5,
  /** Stopped by SIGINT (130) or SIGTERM (143), as shells report them; the reports hold what ran, marked incomplete. */
  sigint: 130,
  sigterm: 143,
} as const;

export type Counts = Pick<RunSummary, 'failed' | 'errored'> & Partial<Pick<RunSummary, 'warned'>>;

/** The verdict of a finished run: a broken rule outranks an errored check; under --strict a SHOULD warning is a broken rule. */
export function verdictExit(s: Counts, strict = false): number {
  const failed = s.failed + (strict ? (s.warned ?? 0) : 0);
  return failed > 0 ? EXIT.failed : s.errored > 0 ? EXIT.errored : EXIT.ok;
}

/** Why a run that broke no rule still judged nothing, if it did not. */
export function nothingJudged(summary: RunSummary, results: readonly ScenarioResult[]): string | undefined {
  if (summary.total === 0) return 'the filters selected no scenario';
  // Without testEnvironment every writing scenario is skipped: the booking rules went unjudged.
  const writes = results.filter((r) => r.skipCause === 'not-test-environment');
  if (writes.length > 0) {
    return `every writing scenario (${writes.length}) was skipped: the target is not declared a test environment (testEnvironment: true)`;
  }
  return undefined;
}

/** The exit code of `run` (and `merge`): the verdict, unless nothing was judged. */
export function runExit(summary: RunSummary, results: readonly ScenarioResult[], allowEmpty: boolean, strict = false): { code: number; why?: string } {
  const verdict = verdictExit(summary, strict);
  if (verdict !== EXIT.ok || allowEmpty) return { code: verdict };
  const why = nothingJudged(summary, results);
  return why ? { code: EXIT.nothingJudged, why } : { code: EXIT.ok };
}
