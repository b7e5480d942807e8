// Merging the results.json of several runs of one target and seed (the shards of a CI run) into
// one, as if it had been one run. Pure: documents in, a document or the problems out.

import { READABLE_SCHEMA_VERSIONS, RESULTS_SCHEMA_VERSION, stepFromDoc, type StepDoc } from './json.ts';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { RunSummary, ScenarioResult, ScenarioStatus, StepResult } from '../model/result.ts';
import type { RunInfo } from '../runner/events.ts';
import { summarize } from '../runner/run.ts';
import type { ShardInfo } from '../runner/shard.ts';

/** The parts of results.json merge reads; everything else in a document is carried over as it is. */
export interface ScenarioDoc {
  id: string;
  pack: string;
  suite: string;
  file: string;
  title: string;
  level: ScenarioResult['level'];
  requirement: string;
  source: string;
  status: ScenarioStatus;
  reason?: string;
  durationMs: number;
  steps: StepDoc[];
  [more: string]: unknown;
}

export interface SummaryDoc {
  target: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  clock?: string;
  packs?: Record<string, string>;
  faults: string[];
  liberties: string[];
  shard?: ShardInfo;
  [more: string]: unknown;
}

export interface ResultsDoc {
  /** Absent in version 1 files. */
  schemaVersion?: number;
  summary: SummaryDoc;
  scenarios: ScenarioDoc[];
}

/** One input of a merge, named as the user gave it so errors can say which. */
export interface MergeInput {
  file: string;
  doc: ResultsDoc;
}

/** Where each merged input came from, kept in the merged summary. */
export interface MergedFrom {
  from: string;
  shard?: string;
  startedAt: string;
  clock?: string;
  durationMs: number;
  total: number;
}

export type MergedSummary = SummaryDoc & RunSummary & { merged: MergedFrom[] };

export interface MergedDoc {
  summary: MergedSummary;
  scenarios: ScenarioDoc[];
}

/** Every problem found, each naming the files it is about. */
export class MergeError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const SHOWN_PROBLEMS = 5;
let validator: ValidateFunction | undefined;

/** A version this tool does not read is named as such, before the schema's own complaints (which would only confuse). */
function checkSchemaVersion(file: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const v = (value as { schemaVersion?: unknown }).schemaVersion ?? 1;
  if (typeof v === 'number' && READABLE_SCHEMA_VERSIONS.includes(v)) return;
  const newer = typeof v === 'number' && v > RESULTS_SCHEMA_VERSION;
  throw new MergeError([
    `${file}: schemaVersion ${JSON.stringify(v)} is not one this tool reads (it reads ${READABLE_SCHEMA_VERSIONS.join(' and ')})${newer ? ': it was written by a newer booking-conformance; use that version' : ''}`,
  ]);
}

/** Validates one parsed results.json at the boundary; problems name the file and the JSON path. */
export function parseResultsDoc(file: string, value: unknown): ResultsDoc {
  checkSchemaVersion(file, value);
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'results.schema.json'), 'utf8')) as object,
  );
  if (!validator(value)) {
    const problems = (validator.errors ?? []).filter((e) => e.keyword !== 'oneOf').map((e) => `${file}: ${e.instancePath || '(the document)'} ${e.message ?? 'is invalid'}`);
    const unique = [...new Set(problems)];
    throw new MergeError([...unique.slice(0, SHOWN_PROBLEMS), ...(unique.length > SHOWN_PROBLEMS ? [`${file}: … and ${unique.length - SHOWN_PROBLEMS} more problems`] : [])].map((p) => `${p} (is it a booking-conformance results.json?)`));
  }
  const doc = value as ResultsDoc;
  if (Number.isNaN(Date.parse(doc.summary.startedAt))) throw new MergeError([`${file}: /summary/startedAt is not a date-time ('${doc.summary.startedAt}')`]);
  return doc;
}

/** Inputs grouped by a value they must share; more than one group is a disagreement. */
function disagreement(label: string, inputs: MergeInput[], valueOf: (d: ResultsDoc) => unknown, show: (d: ResultsDoc) => string): string | undefined {
  const groups = new Map<string, MergeInput[]>();
  for (const i of inputs) {
    const key = JSON.stringify(valueOf(i.doc));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  if (groups.size < 2) return undefined;
  const parts = [...groups.values()].map((g) => `${show(g[0]!.doc)} in ${g.map((i) => i.file).join(', ')}`);
  return `the inputs disagree on ${label}: ${parts.join('; ')}`;
}

const sorted = (xs: string[]) => [...xs].sort();

function checkAgreement(inputs: MergeInput[]): string[] {
  return [
    disagreement('the target', inputs, (d) => d.summary.target, (d) => `target '${d.summary.target}'`),
    disagreement('the seed', inputs, (d) => d.summary.seed, (d) => `seed ${d.summary.seed}`),
    disagreement('the faults', inputs, (d) => sorted(d.summary.faults), (d) => `faults [${sorted(d.summary.faults).join(', ')}]`),
    disagreement('the liberties', inputs, (d) => sorted(d.summary.liberties), (d) => `liberties [${sorted(d.summary.liberties).join(', ')}]`),
  ].filter((p): p is string => p !== undefined);
}

function checkNoDuplicates(inputs: MergeInput[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { file, doc } of inputs) {
    for (const sc of doc.scenarios) {
      const first = seen.get(sc.id);
      if (first !== undefined) problems.push(`scenario ${sc.id} is in both ${first} and ${file}: each scenario must come from one input`);
      else seen.set(sc.id, file);
    }
  }
  return problems;
}

const listed = (ids: string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));

/** Shards must be cut from one selection, each index once, none missing, and cover it exactly. */
function checkShards(inputs: MergeInput[]): string[] {
  const plain = inputs.filter((i) => !i.doc.summary.shard);
  if (plain.length === inputs.length) return [];
  if (plain.length > 0) {
    const sharded = inputs.find((i) => i.doc.summary.shard)!;
    return [`${sharded.file} is shard ${shardText(sharded.doc.summary.shard!)} but ${plain.map((i) => i.file).join(', ')} ${plain.length === 1 ? 'is' : 'are'} not from a sharded run: merge the shards of one run, or whole runs`];
  }
  const problems = [
    disagreement('the number of shards', inputs, (d) => d.summary.shard!.total, (d) => `${d.summary.shard!.total} shards`),
    disagreement(
      'the selection the shards were cut from (another commit, --suite, --grep, --tags or target?)',
      inputs,
      (d) => d.summary.shard!.selection,
      (d) => `${d.summary.shard!.selection.length} scenarios from ${d.summary.shard!.selection[0] ?? '(none)'}`,
    ),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) return problems;
  const total = inputs[0]!.doc.summary.shard!.total;
  const byIndex = new Map<number, string[]>();
  for (const i of inputs) byIndex.set(i.doc.summary.shard!.index, [...(byIndex.get(i.doc.summary.shard!.index) ?? []), i.file]);
  for (const [index, files] of byIndex) if (files.length > 1) problems.push(`shard ${index}/${total} is given twice: ${files.join(', ')}`);
  for (let index = 1; index <= total; index++) if (!byIndex.has(index)) problems.push(`shard ${index}/${total} is missing: no input is that shard (did its job fail before writing results.json?)`);
  if (problems.length > 0) return problems;
  const selection = new Set(inputs[0]!.doc.summary.shard!.selection);
  const reported = new Set(inputs.flatMap((i) => i.doc.scenarios.map((sc) => sc.id)));
  const extra = inputs.flatMap((i) => i.doc.scenarios.filter((sc) => !selection.has(sc.id)).map((sc) => `${sc.id} (${i.file})`));
  const absent = [...selection].filter((id) => !reported.has(id));
  if (extra.length > 0) problems.push(`not in the selection the shards were cut from: ${listed(extra)}`);
  if (absent.length > 0) problems.push(`in the selection but in no shard's results: ${listed(absent)}`);
  return problems;
}

const shardText = (s: { index: number; total: number }) => `${s.index}/${s.total}`;

/** The loader's order of suite files: pack folders sorted, then the files within each sorted. */
function suiteFileKey(file: string): [string, string] {
  return [dirname(file), basename(file)];
}

function compareFiles(a: string, b: string): number {
  const [da, fa] = suiteFileKey(a);
  const [db, fb] = suiteFileKey(b);
  return da < db ? -1 : da > db ? 1 : fa < fb ? -1 : fa > fb ? 1 : 0;
}

/**
 * The order an unsharded run reports: shards record it (their selection); for whole runs, suite
 * files in the loader's order and each file's scenarios in the order its run reported them.
 */
function inRunOrder(inputs: MergeInput[]): ScenarioDoc[] {
  const all = inputs.flatMap((i) => i.doc.scenarios);
  const selection = inputs[0]?.doc.summary.shard?.selection;
  if (selection) {
    const position = new Map(selection.map((id, i) => [id, i]));
    return all.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  }
  return all.sort((a, b) => compareFiles(a.file, b.file)); // Array.prototype.sort is stable
}

/** Merges validated inputs; throws MergeError listing every problem, each naming its files. */
export function mergeResults(given: MergeInput[]): MergedDoc {
  if (given.length === 0) throw new MergeError(['nothing to merge: name at least one results.json or report folder']);
  // Shards in index order, so the merged summary lists them 1..n whatever order they were given in.
  const inputs = [...given].sort((a, b) => (a.doc.summary.shard?.index ?? 0) - (b.doc.summary.shard?.index ?? 0));
  const shardProblems = checkShards(inputs);
  // Shards of different cuts overlap; saying so explains the duplicates better than listing them.
  const problems = [...checkAgreement(inputs), ...shardProblems, ...(shardProblems.length > 0 ? [] : checkNoDuplicates(inputs))];
  if (problems.length > 0) throw new MergeError(problems);
  const scenarios = inRunOrder(inputs);
  const first = [...inputs].sort((a, b) => Date.parse(a.doc.summary.startedAt) - Date.parse(b.doc.summary.startedAt))[0]!.doc.summary;
  const { shard: _shard, ...base } = inputs[0]!.doc.summary;
  const counts = summarize(scenarios, {
    target: first.target,
    seed: first.seed,
    startedAt: first.startedAt,
    // The machine time of all inputs; their wall-clock span is in `merged`.
    durationMs: inputs.reduce((sum, i) => sum + i.doc.summary.durationMs, 0),
  });
  const merged: MergedFrom[] = inputs.map(({ file, doc: { summary: s, scenarios: rs } }) => ({
    from: file,
    ...(s.shard ? { shard: shardText(s.shard) } : {}),
    startedAt: s.startedAt,
    ...(s.clock !== undefined ? { clock: s.clock } : {}),
    durationMs: s.durationMs,
    total: rs.length,
  }));
  return { summary: { ...base, ...counts, ...(first.clock !== undefined ? { clock: first.clock } : {}), merged }, scenarios };
}

/** What the JUnit reporter needs to write the merged junit.xml with the run's own writer. */
export function asRunOutput(doc: MergedDoc): { info: RunInfo; summary: RunSummary; results: ScenarioResult[] } {
  const s = doc.summary;
  const info: RunInfo = {
    target: s.target,
    seed: s.seed,
    startedAt: s.startedAt,
    clock: s.clock ?? '',
    packs: s.packs ?? {},
    faults: s.faults,
    liberties: s.liberties,
    scenarioCount: doc.scenarios.length,
  };
  // Whatever else a run recorded (as results.json has it) goes through too: the writer may read it.
  const results: ScenarioResult[] = doc.scenarios.map(({ reason, steps, ...sc }) => ({
    ...sc,
    ...(reason !== undefined ? { reason } : {}),
    steps: steps.map(stepFromDoc),
  }));
  return { info, summary: s, results };
}
