// Comparing two runs' results.json (a baseline and today's): what newly fails, what was fixed,
// what came and went, and how the failures that stayed changed. Pure: documents in, a diff out.
// Reading and validating the documents is merge.ts's parseResultsDoc, so there is one parser.

import type { ScenarioStatus } from '../model/result.ts';
import { MergeError, type ResultsDoc, type ScenarioDoc } from './merge.ts';

/** One side of the comparison, named as the user gave it so problems and output can say which. */
export interface DiffInput {
  file: string;
  doc: ResultsDoc;
}

/** A failing check (or capture) as the comparison sees it: enough to tell one failure from another. */
export interface FailingCheck {
  step: string;
  kind: string;
  outcome: 'fail' | 'error';
  message: string;
  pos?: string;
}

export interface ScenarioRef {
  id: string;
  title: string;
  file: string;
}

export interface StatusChange extends ScenarioRef {
  from: ScenarioStatus;
  to: ScenarioStatus;
  /** NEW's reason (why it fails, warns or is skipped now), when it has one. */
  reason?: string;
}

export interface PresentIn extends ScenarioRef {
  status: ScenarioStatus;
  reason?: string;
}

/** A scenario failing (or errored) in both runs, but not for the same recorded reasons. */
export interface ChangedFailure extends StatusChange {
  fromReason?: string;
  /** Failing checks only OLD has (fixed, moved or reworded). */
  gone: FailingCheck[];
  /** Failing checks only NEW has. */
  came: FailingCheck[];
}

export interface RunRef {
  file: string;
  target: string;
  seed: number;
  startedAt: string;
  total: number;
}

export interface ResultsDiff {
  old: RunRef;
  new: RunRef;
  /** In both; not failing (passed, warned, info, skipped) in OLD, failed or errored in NEW. */
  newFailures: StatusChange[];
  /** In both; failed or errored in OLD, passed in NEW. */
  fixed: StatusChange[];
  /** In both, failing in both, with another status (failed ↔ errored), reason or set of failing checks. */
  changedFailures: ChangedFailure[];
  /** In both, every other change of status (passed → warned, failed → skipped, skipped → passed, ...). */
  statusChanges: StatusChange[];
  /** Only in NEW. */
  added: PresentIn[];
  /** Only in OLD. */
  removed: PresentIn[];
  /** Why the diff gates (exit 1): empty when nothing regressed. */
  regressions: string[];
}

export interface DiffOptions {
  /** A scenario OLD had and NEW lacks regresses too (coverage lost), not only new failures. */
  failOnRemoved?: boolean;
}

const FAILING: ReadonlySet<ScenarioStatus> = new Set(['failed', 'errored']);
export const isFailing = (s: ScenarioStatus) => FAILING.has(s);

/** Every failing check and capture of a scenario, in step order. */
export function failingChecks(sc: ScenarioDoc): FailingCheck[] {
  return sc.steps.flatMap((step) => {
    if (step.state !== 'sent') return [];
    const checks = step.checks
      .filter((c) => c.outcome !== 'pass')
      .map((c) => ({ step: step.name, kind: c.kind, outcome: c.outcome as 'fail' | 'error', message: c.message, ...(c.pos ? { pos: c.pos } : {}) }));
    // A capture that found nothing fails the scenario like a check does, so it is compared too.
    const captures = step.captureFailures.map((c) => ({ step: step.name, kind: `capture ${c.name}`, outcome: c.outcome, message: c.message, ...(c.pos ? { pos: c.pos } : {}) }));
    return [...checks, ...captures];
  });
}

const checkKey = (c: FailingCheck) => JSON.stringify([c.step, c.kind, c.outcome, c.message, c.pos ?? '']);

/** Multiset difference, so a check failing twice in OLD and once in NEW shows once in `gone`. */
function minus(a: FailingCheck[], b: FailingCheck[]): FailingCheck[] {
  const left = new Map<string, number>();
  for (const c of b) left.set(checkKey(c), (left.get(checkKey(c)) ?? 0) + 1);
  return a.filter((c) => {
    const n = left.get(checkKey(c)) ?? 0;
    if (n === 0) return true;
    left.set(checkKey(c), n - 1);
    return false;
  });
}

/** The scenarios by id; a document listing one id twice cannot be compared (merge its shards first). */
function byId({ file, doc }: DiffInput): Map<string, ScenarioDoc> {
  const map = new Map<string, ScenarioDoc>();
  const twice = new Set<string>();
  for (const sc of doc.scenarios) {
    if (map.has(sc.id)) twice.add(sc.id);
    map.set(sc.id, sc);
  }
  if (twice.size > 0) throw new MergeError([`${file}: scenario ${[...twice].join(', ')} is listed more than once: a run reports each scenario once`]);
  return map;
}

const ref = (sc: ScenarioDoc): ScenarioRef => ({ id: sc.id, title: sc.title, file: sc.file });
const withReason = (reason: string | undefined) => (reason !== undefined ? { reason } : {});
const runRef = ({ file, doc }: DiffInput): RunRef => ({ file, target: doc.summary.target, seed: doc.summary.seed, startedAt: doc.summary.startedAt, total: doc.scenarios.length });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Compares OLD (the baseline) with NEW; scenarios are matched by id and listed in NEW's order (OLD's for removed ones). */
export function diffResults(oldInput: DiffInput, newInput: DiffInput, opts: DiffOptions = {}): ResultsDiff {
  const before = byId(oldInput);
  const after = byId(newInput);
  const d: ResultsDiff = { old: runRef(oldInput), new: runRef(newInput), newFailures: [], fixed: [], changedFailures: [], statusChanges: [], added: [], removed: [], regressions: [] };
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) {
      d.added.push({ ...ref(now), status: now.status, ...withReason(now.reason) });
      continue;
    }
    const change: StatusChange = { ...ref(now), from: was.status, to: now.status, ...withReason(now.reason) };
    if (isFailing(was.status) && isFailing(now.status)) {
      const [then, today] = [failingChecks(was), failingChecks(now)];
      const gone = minus(then, today);
      const came = minus(today, then);
      if (was.status !== now.status || was.reason !== now.reason || gone.length > 0 || came.length > 0) {
        d.changedFailures.push({ ...change, ...(was.reason !== undefined ? { fromReason: was.reason } : {}), gone, came });
      }
    } else if (isFailing(now.status)) d.newFailures.push(change);
    else if (isFailing(was.status) && now.status === 'passed') d.fixed.push(change);
    else if (was.status !== now.status) d.statusChanges.push(change);
  }
  for (const [id, was] of before) if (!after.has(id)) d.removed.push({ ...ref(was), status: was.status, ...withReason(was.reason) });

  // The gate is "nothing fails that the baseline did not already fail": a scenario that is new
  // and fails counts as much as one that used to pass. A removed one counts only when asked
  // (suites are renamed and retired; a baseline from another commit would otherwise always gate).
  const addedFailing = d.added.filter((a) => isFailing(a.status));
  if (d.newFailures.length > 0) d.regressions.push(`${plural(d.newFailures.length, 'new failure')} (${d.newFailures.map((c) => c.id).join(', ')})`);
  if (addedFailing.length > 0) d.regressions.push(`${plural(addedFailing.length, 'added scenario')} failing (${addedFailing.map((c) => c.id).join(', ')})`);
  if (opts.failOnRemoved && d.removed.length > 0) d.regressions.push(`${plural(d.removed.length, 'scenario')} removed (${d.removed.map((c) => c.id).join(', ')})`);
  return d;
}

const checkLine = (c: FailingCheck) => `${c.step}: ${c.kind} ${c.outcome}: ${c.message}${c.pos ? ` (${c.pos})` : ''}`;

/** The readable form: one section per kind of change, each with its count; an empty one says none. */
export function formatDiff(d: ResultsDiff): string[] {
  const lines: string[] = [`OLD ${d.old.file}: ${d.old.total} scenarios, target ${d.old.target}, seed ${d.old.seed}, ${d.old.startedAt}`, `NEW ${d.new.file}: ${d.new.total} scenarios, target ${d.new.target}, seed ${d.new.seed}, ${d.new.startedAt}`];
  // Still compared (a baseline from another target can be the point), but worth saying.
  if (d.old.target !== d.new.target) lines.push(`note: the runs are of different targets (${d.old.target}, ${d.new.target})`);
  const section = <T>(title: string, items: T[], show: (x: T) => string[]) => {
    lines.push('', `${title} (${items.length})${items.length === 0 ? ': none' : ':'}`);
    for (const x of items) lines.push(...show(x).map((l, i) => (i === 0 ? `  ${l}` : `      ${l}`)));
  };
  const change = (c: StatusChange) => [`${c.id}  ${c.from} → ${c.to}  ${c.title}`, ...(c.reason !== undefined && c.from !== c.to ? [c.reason] : [])];
  const present = (p: PresentIn) => [`${p.id}  ${p.status}  ${p.title}`];
  section('new failures', d.newFailures, change);
  section('fixed', d.fixed, change);
  section('still failing, changed', d.changedFailures, (c) => [
    `${c.id}  ${c.from} → ${c.to}  ${c.title}`,
    ...(c.fromReason !== c.reason ? [`- reason: ${c.fromReason ?? '(none)'}`, `+ reason: ${c.reason ?? '(none)'}`] : []),
    ...c.gone.map((x) => `- ${checkLine(x)}`),
    ...c.came.map((x) => `+ ${checkLine(x)}`),
  ]);
  section('other status changes', d.statusChanges, change);
  section('added', d.added, present);
  section('removed', d.removed, present);
  lines.push('', d.regressions.length > 0 ? `regressed: ${d.regressions.join('; ')}` : 'no regression: nothing fails that OLD did not already fail');
  return lines;
}
