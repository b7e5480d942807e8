// JUnit for CI: <failure> when the target broke a rule, <error> when the check could not run.
// Written to the Jenkins JUnit XSD (junit-4.xsd; a test validates against it): <properties> only
// on a <testsuite>, a testcase's verdict in its `status` attribute and its identity (requirement,
// source, level) in its <system-out>, every count and `time` on the elements that allow them,
// and `timestamp` on each suite. Written by hand, suite by suite: every element and attribute
// here is one the schema allows, in the order it requires.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import type { RunEvents, RunInfo } from '../runner/events.ts';
import { formatExchange } from './exchange.ts';
import { failureLines, firstFailurePos, where } from './failures.ts';

export interface JunitOptions {
  /** Which testcases carry their HTTP exchange: only those with a problem (default), or all. */
  exchanges?: 'failures' | 'all';
  /** --strict: a SHOULD warning is a <failure>, as the exit code then counts it. */
  strict?: boolean;
}

/** Testcases whose exchange a reader needs: the ones that did not simply pass. */
const WITH_PROBLEM = new Set<ScenarioResult['status']>(['failed', 'errored', 'warned']);

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF): shown as U+FFFD. */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const text = (s: string) => s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** An attribute value: also quotes, and white space kept as written (a parser would fold raw newlines and tabs). */
const attr = (s: string) => text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join('');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Identity and verdict only: what a passing testcase carries unless --junit-exchanges all. */
function headText(r: ScenarioResult): string {
  return [`${r.id} [${r.level}] ${r.title}`, `requirement: ${r.requirement}`, `source: ${r.source}`, `status: ${r.status}${r.reason ? ` — ${r.reason}` : ''}`].join('\n');
}

function exchangeText(r: ScenarioResult): string {
  const failures = failureLines(r);
  return [headText(r), ...(failures.length ? ['', 'failing checks:', ...failures.map((l) => `  ${l}`)] : []), '', ...r.steps.map(formatExchange)].join('\n');
}

/** The one-line message of a scenario that did not pass: where it went wrong, then why. */
function messageOf(r: ScenarioResult): string {
  const at = firstFailurePos(r);
  return `${at ? `${where(at)}: ` : ''}${oneLine(r.reason ?? r.status)}`;
}

function testcase(r: ScenarioResult, opts: JunitOptions): string {
  const message = messageOf(r);
  const detail = failureLines(r).join('\n');
  const parts: string[] = [];
  // The schema's order: skipped, error, failure, system-out.
  if (r.status === 'skipped') parts.push(`<skipped>${text(r.reason ?? 'skipped')}</skipped>`);
  if (r.status === 'errored') parts.push(`<error${attrs({ message, type: r.errorCause ?? 'error' })}>${text(detail)}</error>`);
  if (r.status === 'failed') parts.push(`<failure${attrs({ message, type: 'requirement' })}>${text(detail)}</failure>`);
  else if (r.status === 'warned' && opts.strict) parts.push(`<failure${attrs({ message: `SHOULD (--strict): ${message}`, type: 'should' })}>${text(detail)}</failure>`);
  // A SHOULD warning passes in CI's eyes; the status attribute, the suite's warning property and the first output line say otherwise.
  const warning = r.status === 'warned' ? `WARNING (SHOULD not met): ${message}\n\n` : '';
  const full = WITH_PROBLEM.has(r.status) || opts.exchanges === 'all';
  parts.push(`<system-out>${text(warning + (full ? exchangeText(r) : headText(r)))}</system-out>`);
  const head = `<testcase${attrs({ name: `${r.id} ${r.title}`, classname: `${r.pack}.${r.suite}`, time: seconds(r.durationMs), status: r.status })}>`;
  return `    ${head}\n${parts.map((p) => `      ${p}\n`).join('')}    </testcase>\n`;
}

function property(name: string, value: string): string {
  return `      <property${attrs({ name, value })}/>\n`;
}

/** The run's facts every suite repeats (a CI view often shows one suite at a time), and each warned testcase by id. */
function suiteProperties(file: string, rs: ScenarioResult[], info: RunInfo | undefined, summary: RunSummary): string {
  const props = [
    property('file', file),
    property('target', info?.target ?? summary.target),
    property('seed', String(info?.seed ?? summary.seed)),
    property('clock', info?.clock ?? ''),
    ...(info && info.faults.length > 0 ? [property('faults', info.faults.join(','))] : []),
    ...(info && info.liberties.length > 0 ? [property('liberties', info.liberties.join(','))] : []),
    ...(summary.incomplete ? [property('incomplete', summary.incomplete)] : []),
    ...(info?.shard ? [property('shard', `${info.shard.index}/${info.shard.total}`)] : []),
    ...rs.filter((r) => r.status === 'warned').map((r) => property('warning', `${r.id}: ${messageOf(r)}`)),
  ];
  return `    <properties>\n${props.join('')}    </properties>\n`;
}

/** The run's start as the JUnit schemas' timestamp wants it: ISO 8601 without a zone (it is UTC). */
const timestampOf = (startedAt: string) => (Number.isNaN(Date.parse(startedAt)) ? undefined : new Date(startedAt).toISOString().slice(0, 19));

function countsOf(rs: readonly ScenarioResult[], strict: boolean) {
  const n = (s: ScenarioResult['status']) => rs.filter((r) => r.status === s).length;
  return { tests: rs.length, failures: n('failed') + (strict ? n('warned') : 0), errors: n('errored'), skipped: n('skipped') };
}

export function writeJunit(file: string, summary: RunSummary, results: readonly ScenarioResult[], info: RunInfo | undefined, opts: JunitOptions = {}): void {
  const bySuite = new Map<string, ScenarioResult[]>();
  for (const r of results) bySuite.set(r.file, [...(bySuite.get(r.file) ?? []), r]);
  const strict = opts.strict ?? false;
  const all = countsOf(results, strict);
  const timestamp = timestampOf(info?.startedAt ?? summary.startedAt);
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    // <testsuites> has no skipped attribute in the schema; each <testsuite> has its own.
    writeSync(fd, `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'booking-conformance', tests: all.tests, failures: all.failures, errors: all.errors, time: seconds(summary.durationMs) })}>\n`);
    let id = 0;
    for (const [suiteFile, rs] of bySuite) {
      const first = rs[0]!;
      const c = countsOf(rs, strict);
      const time = seconds(rs.reduce((ms, r) => ms + r.durationMs, 0));
      writeSync(fd, `  <testsuite${attrs({ name: `${first.pack}.${first.suite}`, tests: c.tests, failures: c.failures, errors: c.errors, skipped: c.skipped, time, timestamp, id: id++, package: first.pack })}>\n`);
      writeSync(fd, suiteProperties(suiteFile, rs, info, summary));
      for (const r of rs) writeSync(fd, testcase(r, opts));
      writeSync(fd, '  </testsuite>\n');
    }
    writeSync(fd, '</testsuites>\n');
  } finally {
    closeSync(fd);
  }
}

export function attachJunitReporter(events: RunEvents, file: string, opts: JunitOptions = {}): void {
  let info: RunInfo | undefined;
  events.on('run:start', (i) => (info = i));
  events.on('run:end', (summary, results) => writeJunit(file, summary, results, info, opts));
}
