// Benchmark: load time, run throughput, concurrency and memory, measured in one process so the
// ratios compare like with like on a shared machine. Writes the README's figures.
// Usage: npm run bench

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fhirpath from 'fhirpath';
import stu3 from 'fhirpath/fhir-context/stu3';
import { PROJECT_ROOT } from '../../session/paths.ts';
import { compileFhirPath } from '../../fhirpath/compile.ts';
import { loadWorkspace } from '../../loader/workspace.ts';
import { runAgainstReference } from '../../session/reference.ts';

const ROUNDS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

async function main(): Promise<void> {
  const loads: number[] = [];
  let scenarios = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const [ms, ws] = await time(() => loadWorkspace({ root: PROJECT_ROOT }));
    loads.push(ms);
    scenarios = ws.suites.reduce((n, s) => n + s.scenarios.length, 0);
  }

  const runs: Record<number, number[]> = { 1: [], 4: [] };
  let requests = 0;
  for (let i = 0; i < ROUNDS; i++) {
    for (const c of [1, 4]) {
      const [ms, r] = await time(() => runAgainstReference({ concurrency: c }));
      runs[c]!.push(ms);
      requests = r.results.reduce((n, s) => n + s.steps.reduce((k, st) => k + (st.state !== 'not-built' ? (st.race?.length ?? 1) : 0), 0), 0);
    }
  }
  const rss = process.memoryUsage().rss;

  const appointment = { resourceType: 'Appointment', status: 'booked', slot: [{ reference: 'Slot/1' }], participant: [{ actor: { reference: 'Patient/1' } }] };
  const expr = "Appointment.status = 'booked' and Appointment.slot.reference.startsWith('Slot/')";
  const compiled = compileFhirPath(expr, 'stu3');
  const N = 20_000;
  const [compiledMs] = await time(() => {
    for (let i = 0; i < N; i++) compiled(appointment, {});
  });
  const [evalMs] = await time(() => {
    for (let i = 0; i < N; i++) fhirpath.evaluate(appointment, expr, {}, stu3);
  });

  const c1 = median(runs[1]!);
  const c4 = median(runs[4]!);
  const rows = [
    `| what | figure |`,
    `|---|---|`,
    `| load and validate all suites (${scenarios} scenarios) | ${median(loads).toFixed(0)} ms |`,
    `| full run against the embedded reference, concurrency 1 (${requests} requests) | ${(c1 / 1000).toFixed(2)} s (${((requests / c1) * 1000).toFixed(0)} requests/s) |`,
    `| the same run, concurrency 4 | ${(c4 / 1000).toFixed(2)} s (×${(c1 / c4).toFixed(2)} faster) |`,
    `| FHIRPath compiled once vs evaluated from text (${N} evaluations) | ${((compiledMs / N) * 1000).toFixed(1)} µs vs ${((evalMs / N) * 1000).toFixed(1)} µs (×${(evalMs / compiledMs).toFixed(1)}) |`,
    `| resident memory after ${ROUNDS * 2} full runs | ${(rss / 1024 / 1024).toFixed(0)} MiB |`,
  ];
  const note =
    `\nMeasured ${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${ROUNDS} rounds. The full runs include e-RS scenarios that\n` +
    `wait out the reference target's simulated 1 s PAS window, so requests/s understates the runner.\n`;
  process.stdout.write(rows.join('\n') + '\n' + note);
  const file = join(PROJECT_ROOT, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const [b, e] = ['<!-- bench:begin -->', '<!-- bench:end -->'];
  const start = readme.indexOf(b);
  const end = readme.indexOf(e);
  if (start >= 0 && end > start) writeFileSync(file, readme.slice(0, start + b.length) + '\n' + rows.join('\n') + '\n' + note + readme.slice(end));
}

await main();
