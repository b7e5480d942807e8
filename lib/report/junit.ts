// JUnit for CI: <failure> when the target broke a rule, <error> when the check could not run.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import junitModule, { type Builder } from 'junit-report-builder';
import type { ScenarioResult } from '../model/result.ts';
import type { RunEvents, RunInfo } from '../runner/events.ts';
import { formatExchange } from './exchange.ts';
import { failureLines, firstFailurePos, where } from './failures.ts';

// The package is CommonJS whose default export is the builder; TypeScript sees the module object.
const junit = junitModule as unknown as Builder;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function exchangeText(r: ScenarioResult): string {
  const failures = failureLines(r);
  return [headText(r), ...(failures.length ? ['', 'failing checks:', ...failures.map((l) => `  ${l}`)] : []), '', ...r.steps.map(formatExchange)].join('\n');
}

export interface JunitOptions {
  /** Which testcases carry their HTTP exchange: only those with a problem (default), or all. */
  exchanges?: 'failures' | 'all';
  /** --strict: a SHOULD warning is a <failure>, as the exit code then counts it. */
  strict?: boolean;
}

/** Testcases whose exchange a reader needs: the ones that did not simply pass. */
const WITH_PROBLEM = new Set<ScenarioResult['status']>(['failed', 'errored', 'warned']);

/** Identity and verdict only: what a passing testcase carries unless --junit-exchanges all. */
function headText(r: ScenarioResult): string {
  return [`${r.id} [${r.level}] ${r.title}`, `requirement: ${r.requirement}`, `source: ${r.source}`, `status: ${r.status}${r.reason ? ` — ${r.reason}` : ''}`].join('\n');
}

export function attachJunitReporter(events: RunEvents, file: string, opts: JunitOptions = {}): void {
  let info: RunInfo | undefined;
  events.on('run:start', (i) => (info = i));
  events.on('run:end', (summary, results) => {
    const builder = junit.newBuilder();
    const bySuite = new Map<string, ScenarioResult[]>();
    for (const r of results) bySuite.set(r.file, [...(bySuite.get(r.file) ?? []), r]);
    for (const [file, rs] of bySuite) {
      const first = rs[0]!;
      const suite = builder
        .testSuite()
        .name(`${first.pack}.${first.suite}`)
        .property('file', file)
        .property('target', info?.target ?? '')
        .property('seed', String(info?.seed ?? ''))
        .property('clock', info?.clock ?? '');
      if (info && info.faults.length > 0) suite.property('faults', info.faults.join(','));
      if (info && info.liberties.length > 0) suite.property('liberties', info.liberties.join(','));
      if (summary.incomplete) suite.property('incomplete', summary.incomplete);
      if (info?.shard) suite.property('shard', `${info.shard.index}/${info.shard.total}`);
      for (const r of rs) {
        const tc = suite
          .testCase()
          .className(`${r.pack}.${r.suite}`)
          .name(`${r.id} ${r.title}`)
          .time(r.durationMs / 1000)
          .property('requirement', r.requirement)
          .property('source', r.source)
          .property('level', r.level)
          .property('status', r.status);
        const at = firstFailurePos(r);
        const message = `${at ? `${where(at)}: ` : ''}${oneLine(r.reason ?? r.status)}`;
        if (r.status === 'failed') tc.failure(message, 'requirement');
        else if (r.status === 'errored') tc.error(message, r.errorCause ?? 'error');
        else if (r.status === 'skipped') tc.skipped();
        else if (r.status === 'warned' && opts.strict) tc.failure(`SHOULD (--strict): ${message}`, 'should');
        // A SHOULD warning passes in CI's eyes; the property and the first output line say otherwise.
        if (r.status === 'warned') tc.property('warning', message);
        const warning = r.status === 'warned' ? `WARNING (SHOULD not met): ${message}\n\n` : '';
        const full = WITH_PROBLEM.has(r.status) || opts.exchanges === 'all';
        if (r.steps.length > 0 || r.reason) tc.standardOutput(warning + (full ? exchangeText(r) : headText(r)));
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    builder.writeTo(file);
  });
}
