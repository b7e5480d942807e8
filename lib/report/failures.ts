// Every failing check of a scenario, with where it was written: file:line:col, expected and
// actual, and the YAML line with a caret, as lint shows a suite error.

import type { CheckResult, ScenarioResult, StepResult } from '../model/result.ts';
import type { SourcePos } from '../model/suite.ts';

const MAX_VALUE = 300;

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length - MAX_VALUE} more characters)` : text;
}

export function where(pos: SourcePos | undefined): string {
  return pos ? `${pos.file}:${pos.line}:${pos.col}` : '';
}

function excerpt(pos: SourcePos | undefined): string[] {
  if (!pos?.text) return [];
  const gutter = ' '.repeat(String(pos.line).length);
  return [`${pos.line} | ${pos.text}`, `${gutter} | ${' '.repeat(Math.max(0, pos.col - 1))}^`];
}

function checkLines(step: StepResult, c: CheckResult): string[] {
  const head = `${where(c.pos ?? step.pos)}${c.pos || step.pos ? ': ' : ''}${step.name}: [${c.kind}] ${c.message}`;
  return [head, `  expected: ${show(c.expected)}`, `  actual:   ${show(c.actual)}`, ...excerpt(c.pos).map((l) => `  ${l}`)];
}

/** Lines describing what went wrong in a scenario that did not pass: each failed check, a step error, a skip. */
export function failureLines(r: ScenarioResult): string[] {
  const lines: string[] = [];
  for (const step of r.steps) {
    if (step.error) lines.push(`${where(step.pos)}${step.pos ? ': ' : ''}${step.name}: ${step.error}`, ...excerpt(step.pos).map((l) => `  ${l}`));
    for (const c of step.checks) if (!c.passed) lines.push(...checkLines(step, c));
  }
  return lines;
}

/** The position of the first failing check (or errored step), for one-line summaries. */
export function firstFailurePos(r: ScenarioResult): SourcePos | undefined {
  for (const step of r.steps) {
    if (step.error) return step.pos;
    const c = step.checks.find((x) => !x.passed);
    if (c) return c.pos ?? step.pos;
  }
  return undefined;
}
