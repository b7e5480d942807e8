// reports/results.json: the summary and every scenario with its steps and checks, written
// scenario by scenario (never one giant string), with positions as file:line:col. Its schema is
// results.schema.json beside this file; `merge` reads it back with stepFromDoc.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaptureFailure, CheckResult, ScenarioResult, StepResult } from '../model/result.ts';
import type { SourcePos } from '../model/suite.ts';
import type { RunEvents, RunInfo } from '../runner/events.ts';

type DistOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type PosText = { pos?: string };
export type CheckDoc = DistOmit<CheckResult, 'pos'> & PosText;
export type CaptureDoc = Omit<CaptureFailure, 'pos'> & PosText;
export type StepDoc =
  | (DistOmit<Exclude<StepResult, { state: 'sent' }>, 'pos'> & PosText)
  | (Omit<Extract<StepResult, { state: 'sent' }>, 'pos' | 'checks' | 'captureFailures'> & PosText & { checks: CheckDoc[]; captureFailures: CaptureDoc[] });

/** file:line:col, as editors and CI annotations read it. */
export const position = (p: SourcePos) => `${p.file}:${p.line}:${p.col}`;

function parsePosition(text: string): SourcePos {
  const m = /^(.*):(\d+):(\d+)$/.exec(text);
  return m ? { file: m[1]!, line: Number(m[2]), col: Number(m[3]) } : { file: text, line: 1, col: 1 };
}

function withPos<T extends { pos?: SourcePos }>(x: T): Omit<T, 'pos'> & PosText {
  const { pos, ...rest } = x;
  return { ...rest, ...(pos ? { pos: position(pos) } : {}) };
}

function backPos<T extends PosText>(x: T): Omit<T, 'pos'> & { pos?: SourcePos } {
  const { pos, ...rest } = x;
  return { ...rest, ...(pos ? { pos: parsePosition(pos) } : {}) };
}

export function stepToDoc(s: StepResult): StepDoc {
  if (s.state !== 'sent') return withPos(s) as StepDoc;
  return { ...withPos(s), checks: s.checks.map((c) => withPos(c) as CheckDoc), captureFailures: s.captureFailures.map(withPos) };
}

export function stepFromDoc(d: StepDoc): StepResult {
  if (d.state !== 'sent') return backPos(d) as StepResult;
  return { ...backPos(d), checks: d.checks.map((c) => backPos(c) as CheckResult), captureFailures: d.captureFailures.map(backPos) } as StepResult;
}

function scenarioDoc(r: ScenarioResult): Record<string, unknown> {
  return {
    id: r.id,
    pack: r.pack,
    suite: r.suite,
    file: r.file,
    title: r.title,
    level: r.level,
    requirement: r.requirement,
    source: r.source,
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.skipCause ? { skipCause: r.skipCause } : {}),
    ...(r.errorCause ? { errorCause: r.errorCause } : {}),
    durationMs: r.durationMs,
    steps: r.steps.map(stepToDoc),
  };
}

/** Indents a JSON text by `n` spaces after its first line, so parts join into one readable document. */
const indent = (json: string, n: number) => json.replace(/\n/g, `\n${' '.repeat(n)}`);

export function attachJsonReporter(events: RunEvents, file: string): void {
  let info: RunInfo | undefined;
  events.on('run:start', (i) => (info = i));
  events.on('run:end', (summary, results) => {
    const head = { ...summary, packs: info?.packs ?? {}, faults: info?.faults ?? [], liberties: info?.liberties ?? [], clock: info?.clock, ...(info?.shard ? { shard: info.shard } : {}) };
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, `{\n  "summary": ${indent(JSON.stringify(head, null, 2), 2)},\n  "scenarios": [`);
      results.forEach((r, i) => writeSync(fd, `${i === 0 ? '' : ','}\n    ${indent(JSON.stringify(scenarioDoc(r), null, 2), 4)}`));
      writeSync(fd, `${results.length ? '\n  ' : ''}]\n}\n`);
    } finally {
      closeSync(fd);
    }
  });
}
