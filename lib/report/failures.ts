// Everything that went wrong in a scenario, with where it was written: file:line:col, expected
// and actual, and the YAML line with a caret, as lint shows a suite error.

import type { ScenarioResult, StepResult } from '../model/result.ts';
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
  return [`${pos.line} | ${pos.text}`, `${gutter} | ${' '.repeat(Math.max(0, pos.col - 1))}^`].map((l) => `  ${l}`);
}

function headed(pos: SourcePos | undefined, text: string): string {
  return pos ? `${where(pos)}: ${text}` : text;
}

function stepLines(step: StepResult): string[] {
  if (step.state !== 'sent') return [headed(step.pos, `${step.name}: ${step.message}`), ...excerpt(step.pos)];
  const lines: string[] = [];
  for (const c of step.captureFailures) lines.push(headed(c.pos ?? step.pos, `${step.name}: [capture ${c.name}] ${c.message}`), `  looked for: ${c.looked}`, ...excerpt(c.pos));
  for (const c of step.checks) {
    if (c.outcome === 'pass') continue;
    lines.push(headed(c.pos ?? step.pos, `${step.name}: [${c.kind}]${c.outcome === 'error' ? ' (could not be evaluated)' : ''} ${c.message}`));
    if (c.outcome === 'fail') lines.push(`  expected: ${show(c.expected)}`, `  actual:   ${show(c.actual)}`);
    lines.push(...excerpt(c.pos));
  }
  return lines;
}

/** Lines describing what went wrong in a scenario that did not pass: each failed or errored check, capture and step. */
export function failureLines(r: ScenarioResult): string[] {
  return r.steps.flatMap(stepLines);
}

/** The position of the first thing that went wrong, for one-line summaries. */
export function firstFailurePos(r: ScenarioResult): SourcePos | undefined {
  for (const step of r.steps) {
    if (step.state !== 'sent') return step.pos;
    const c = step.captureFailures[0] ?? step.checks.find((x) => x.outcome !== 'pass');
    if (c) return c.pos ?? step.pos;
  }
  return undefined;
}
