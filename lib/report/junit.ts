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
  const head = [`${r.id} [${r.level}] ${r.title}`, `requirement: ${r.requirement}`, `source: ${r.source}`, `status: ${r.status}${r.reason ? ` — ${r.reason}` : ''}`];
  const failures = failureLines(r);
  return [...head, ...(failures.length ? ['', 'failing checks:', ...failures.map((l) => `  ${l}`)] : []), '', ...r.steps.map(formatExchange)].join('\n');
}

export function attachJunitReporter(events: RunEvents, file: string): void {
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
        if (r.steps.length > 0 || r.reason) tc.standardOutput(exchangeText(r));
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    builder.writeTo(file);
  });
}
