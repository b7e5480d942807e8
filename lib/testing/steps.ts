// Test helpers: reach into a step result of a known state, failing the test clearly otherwise.

import type { AttemptRecord, SentStep, StepResult } from '../model/result.ts';

export function sent(step: StepResult | undefined): SentStep {
  if (!step || step.state !== 'sent') throw new Error(`expected a step that was sent and answered, got ${step ? `${step.state}: ${'message' in step ? step.message : ''}` : 'none'}`);
  return step;
}

export function attemptsOf(step: StepResult | undefined): AttemptRecord[] | undefined {
  return step && step.state !== 'not-built' ? step.attempts : undefined;
}
