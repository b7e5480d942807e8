import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SourcePos } from '../model/suite.ts';
import type { RunEvents, RunInfo } from '../runner/events.ts';

/** file:line:col, as editors and CI annotations read it. */
const position = (p: SourcePos) => `${p.file}:${p.line}:${p.col}`;

/** reports/results.json: the summary and every scenario with its steps and checks. */
export function attachJsonReporter(events: RunEvents, file: string): void {
  let info: RunInfo | undefined;
  events.on('run:start', (i) => (info = i));
  events.on('run:end', (summary, results) => {
    const doc = {
      summary: { ...summary, packs: info?.packs ?? {}, faults: info?.faults ?? [], liberties: info?.liberties ?? [], clock: info?.clock, ...(info?.shard ? { shard: info.shard } : {}) },
      scenarios: results.map((r) => ({
        id: r.id,
        spec: r.spec,
        suite: r.suite,
        file: r.file,
        title: r.title,
        level: r.level,
        requirement: r.requirement,
        source: r.source,
        status: r.status,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.skipCause ? { skipCause: r.skipCause } : {}),
        durationMs: r.durationMs,
        steps: r.steps.map((s) => ({
          name: s.name,
          request: s.request,
          response: s.response ?? null,
          ...(s.race ? { race: s.race } : {}),
          ...(s.attempts ? { attempts: s.attempts } : {}),
          ...(s.error ? { error: s.error } : {}),
          ...(s.pos ? { pos: position(s.pos) } : {}),
          checks: s.checks.map((c) => ({ kind: c.kind, level: c.level, passed: c.passed, expected: c.expected, actual: c.actual, message: c.message, ...(c.pos ? { pos: position(c.pos) } : {}) })),
        })),
      })),
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(doc, null, 2));
  });
}
