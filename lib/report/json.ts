// reports/results.json: the summary and every scenario with its steps and checks, written
// scenario by scenario (never one giant string), with positions as file:line:col. Sized for its
// reader: a body is its parsed JSON (not an escaped string) or its text, cut past
// REPORT_BODY_BYTES and marked (the evidence pack keeps every exchange whole), and written on one
// line inside the indented document. Its schema is results.schema.json beside this file
// (schemaVersion below); `merge` reads it back with stepFromDoc.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaptureFailure, CheckResult, HttpRequest, RecordedResponse, ScenarioResult, StepResult } from '../model/result.ts';
import type { SourcePos } from '../model/suite.ts';
import type { RunEvents, RunInfo } from '../runner/events.ts';
import { bodyField, bodyText, REPORT_BODY_BYTES, type BodyField } from './body-doc.ts';

/**
 * The shape of results.json. 1: bodies as escaped strings, no schemaVersion field (still read:
 * its bodies are the text form of version 2). 2: bodies parsed when JSON, cut at REPORT_BODY_BYTES.
 */
export const RESULTS_SCHEMA_VERSION = 2;
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];

type DistOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type PosText = { pos?: string };
export type CheckDoc = DistOmit<CheckResult, 'pos'> & PosText;
export type CaptureDoc = Omit<CaptureFailure, 'pos'> & PosText;
export type RequestDoc = Omit<HttpRequest, 'body'> & Partial<BodyField> & { bodyCut?: RecordedResponse['bodyCut'] };
export type ResponseDoc = Omit<RecordedResponse, 'body'> & BodyField;
type WithDocs<S> = S extends { request: HttpRequest }
  ? Omit<S, 'request' | 'response' | 'pos'> & { request: RequestDoc } & (S extends { response: RecordedResponse } ? { response: ResponseDoc } : unknown)
  : never;
export type StepDoc =
  | (WithDocs<Exclude<StepResult, { state: 'sent' }>> & PosText)
  | (Omit<WithDocs<Extract<StepResult, { state: 'sent' }>>, 'checks' | 'captureFailures'> & PosText & { checks: CheckDoc[]; captureFailures: CaptureDoc[] });

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

function requestDoc(r: HttpRequest, maxBytes: number): RequestDoc {
  const { body, ...rest } = r;
  return body === undefined ? rest : { ...rest, ...bodyField(body, maxBytes) };
}

function responseDoc(r: RecordedResponse, maxBytes: number): ResponseDoc {
  const { body, bodyCut, ...rest } = r;
  return { ...rest, ...bodyField(body, maxBytes, bodyCut) };
}

/** A step as results.json keeps it; `maxBodyBytes` Infinity keeps bodies as recorded (the evidence pack's exchanges). */
export function stepToDoc(s: StepResult, maxBodyBytes: number = REPORT_BODY_BYTES): StepDoc {
  const request = requestDoc(s.request, maxBodyBytes);
  // The exchange first, then its verdicts: the order a reader follows.
  const head = { state: s.state, name: s.name, request };
  if (s.state !== 'sent') return Object.assign(head, withPos(s), { request }) as StepDoc;
  const response = responseDoc(s.response, maxBodyBytes);
  return Object.assign({ ...head, response }, withPos(s), { request, response, checks: s.checks.map((c) => withPos(c) as CheckDoc), captureFailures: s.captureFailures.map(withPos) }) as StepDoc;
}

function requestBack(d: RequestDoc): HttpRequest {
  const { json: _j, body: _b, bodyCut: _c, ...rest } = d as RequestDoc & { json?: unknown; body?: string };
  const body = bodyText(d);
  return body === undefined ? rest : { ...rest, body };
}

function responseBack(d: ResponseDoc): RecordedResponse {
  const { json: _j, body: _b, ...rest } = d as ResponseDoc & { json?: unknown; body?: string };
  return { ...rest, body: bodyText(d) ?? '' };
}

export function stepFromDoc(d: StepDoc): StepResult {
  const request = requestBack(d.request);
  if (d.state !== 'sent') return { ...backPos(d), request } as StepResult;
  return { ...backPos(d), request, response: responseBack(d.response), checks: d.checks.map((c) => backPos(c) as CheckResult), captureFailures: d.captureFailures.map(backPos) } as StepResult;
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
    steps: r.steps.map((s) => stepToDoc(s)),
  };
}

/** Indents a JSON text by `n` spaces after its first line, so parts join into one readable document. */
const indent = (json: string, n: number) => json.replace(/\n/g, `\n${' '.repeat(n)}`);

const BODY_MARK = '\u0000body:';

/**
 * The scenario indented for reading, with each parsed body on one line: an indented FHIR Bundle
 * would be mostly spaces. Bodies are swapped for marks, the rest indented, then the marks replaced.
 */
export function scenarioJson(doc: Record<string, unknown>, n: number): string {
  const bodies: string[] = [];
  const marked = JSON.stringify(doc, (key, value: unknown) => {
    if (key === 'json' && value !== undefined && typeof value === 'object') {
      bodies.push(JSON.stringify(value));
      return `${BODY_MARK}${bodies.length - 1}`;
    }
    return value;
  }, 2);
  const text = bodies.length === 0 ? marked : marked.replace(/"json": "\\u0000body:(\d+)"/g, (_m, i: string) => `"json": ${bodies[Number(i)]!}`);
  return indent(text, n);
}

/** Writes a results.json: the version, the summary, then one scenario document at a time. */
export function writeResultsFile(file: string, summary: Record<string, unknown>, scenarios: Iterable<Record<string, unknown>>): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `{\n  "schemaVersion": ${RESULTS_SCHEMA_VERSION},\n  "summary": ${indent(JSON.stringify(summary, null, 2), 2)},\n  "scenarios": [`);
    let i = 0;
    for (const doc of scenarios) writeSync(fd, `${i++ === 0 ? '' : ','}\n    ${scenarioJson(doc, 4)}`);
    writeSync(fd, `${i ? '\n  ' : ''}]\n}\n`);
  } finally {
    closeSync(fd);
  }
}

export function attachJsonReporter(events: RunEvents, file: string): void {
  let info: RunInfo | undefined;
  events.on('run:start', (i) => (info = i));
  events.on('run:end', (summary, results) => {
    const head = { ...summary, packs: info?.packs ?? {}, faults: info?.faults ?? [], liberties: info?.liberties ?? [], clock: info?.clock, ...(info?.shard ? { shard: info.shard } : {}) };
    writeResultsFile(file, head, (function* () {
      for (const r of results) yield scenarioDoc(r);
    })());
  });
}
