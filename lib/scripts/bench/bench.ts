// Benchmark: what a user waits for (the default run, cold start of each command), what the
// runner costs over a bare HTTP loop, and how it scales (1,000 scenarios; a 10,000-Slot bundle).
// Everything is measured in one invocation, each figure beside its budget, because the machines
// here are shared: compare the ratios of one run rather than absolute times across runs.
// Prints the table and rewrites the README block between <!-- bench:begin --> and <!-- bench:end -->.
// Usage: npm run bench
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../session/paths.ts';
import { flowProject, largeBodyProject, CHECKS_PER_FLOW } from './flow-project.ts';
import { coldMedian, median, runProcess } from './proc.ts';

const HERE = join(PROJECT_ROOT, 'lib', 'scripts', 'bench');
const BIN = join(PROJECT_ROOT, 'lib', 'cli', 'bin.mjs');
const FLOWS = 200;
const SCALE_SCENARIOS = 1000;
const SLOTS = 10_000;
const LARGE_MB = 200;
const MiB = 1024 * 1024;

const BUDGET = { fullRunMs: 5000, helpMs: 150, runOneMs: 400, overhead: 1.3, slotsMs: 1000, slotsBytes: 300 * MiB, largeBytes: 300 * MiB };

const tmp = (what: string) => mkdtempSync(join(tmpdir(), `bc-bench-${what}-`));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mib = (b: number) => `${(b / MiB).toFixed(0)} MiB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** Whether `node lib/cli/bin.mjs` will run the compiled dist/ (its own rule) or the sources through tsx. */
async function compiledIsCurrent(): Promise<boolean> {
  // The command is measured as a black box; this only asks it which build it would start.
  const fp = (await import(pathToFileURL(join(PROJECT_ROOT, 'lib', 'cli', 'fingerprint.mjs')).href)) as {
    FINGERPRINT_FILE: string;
    sameFingerprint(a: unknown, b: unknown): boolean;
    sourceFingerprint(): unknown;
  };
  if (process.env.BC_DEV === '1' || !existsSync(fp.FINGERPRINT_FILE)) return false;
  return fp.sameFingerprint(JSON.parse(readFileSync(fp.FINGERPRINT_FILE, 'utf8')), fp.sourceFingerprint());
}

/** The --concurrency the CLI's `run` uses when none is given, so the in-process split runs the same way. */
async function cliDefaultConcurrency(): Promise<number> {
  const help = await runProcess([BIN, 'run', '--help'], { keepStdout: true });
  const m = /--concurrency <n>[^\n]*\(default: (\d+)\)/.exec(help.stdout);
  return m ? Number(m[1]) : 0; // 0: the target's own (targets.yaml concurrency)
}

/** The flow server in its own process, so neither side of a comparison shares its event loop. */
async function startFlowServer(): Promise<{ base: string; stop(): void }> {
  const child = spawn(process.execPath, [join(HERE, 'flow-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { base, stop: () => void child.kill('SIGTERM') };
}

interface MemoryTrace {
  samples: Array<{ t: number; rss: number; heap: number }>;
  maxRss: number;
}

async function main(): Promise<void> {
  const started = performance.now();
  const when = execFileSync('date', ['-u'], { encoding: 'utf8' }).trim();
  const compiled = await compiledIsCurrent();
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  log(`${when}; ${availableParallelism()} cores, node ${process.version}, load ${load}; the CLI runs ${compiled ? 'dist/' : 'the sources through tsx'}`);

  // 1. The full default run: the CLI's whole-process wall time, and its phases from the same run done in-process.
  const concurrency = await cliDefaultConcurrency();
  log(`full default run, in-process phases (concurrency ${concurrency || "of the target"})`);
  const phasesDir = tmp('phases');
  const phasesRun = await runProcess(['--import', 'tsx', join(HERE, 'phases.ts'), phasesDir, join(phasesDir, 'phases.json'), String(concurrency)]);
  if (phasesRun.code !== 0) throw new Error(`phases.ts exited ${phasesRun.code}: ${phasesRun.stderr}`);
  const phases = JSON.parse(readFileSync(join(phasesDir, 'phases.json'), 'utf8')) as Record<string, number>;
  log('full default run, CLI');
  const fullDir = tmp('full');
  const full = await runProcess([BIN, 'run', '--out', fullDir]);
  if (full.code !== 0 && full.code !== 1) throw new Error(`run exited ${full.code}: ${full.stderr}`);

  // 2. Cold start of each command: fresh processes, one after another, median.
  log('cold starts');
  // The floors under every command: node itself, and node with the tsx loader the sources need.
  const nodeFloor = await coldMedian(['-e', '0'], 5);
  const tsxFloor = await coldMedian(['--import', 'tsx', '-e', '0'], 5);
  const help = await coldMedian([BIN, '--help'], 7);
  const lint = await coldMedian([BIN, 'lint'], 3);
  const list = await coldMedian([BIN, 'list'], 3);
  const oneDir = tmp('one');
  const runOne = await coldMedian([BIN, 'run', '--grep', 'GPC-META-001', '--out', oneDir], 5);

  // 3. Runner overhead: the same N flows, same server, bare undici loop vs the CLI on a generated suite.
  // Both sequential (the runner at --concurrency 1), both fresh processes; rounds alternate so drift hits both.
  const server = await startFlowServer();
  const bare: Array<{ wall: number; loop: number }> = [];
  const runner: Array<{ wall: number; loop: number }> = [];
  let scale: { wall: number; durationMs: number; passed: number; mem: MemoryTrace; timeOrigin: number; startedAt: string } | undefined;
  let large: { maxRss: number; message: string } | undefined;
  const projects: string[] = [];
  try {
    const flows = flowProject(server.base, FLOWS, compiled);
    const scaled = flowProject(server.base, SCALE_SCENARIOS, compiled);
    projects.push(flows, scaled);
    for (let round = 0; round < 3; round++) {
      log(`runner overhead, round ${round + 1}/3`);
      const b = await runProcess([join(HERE, 'bare.mjs'), server.base, String(FLOWS)], { keepStdout: true });
      const bj = JSON.parse(b.stdout) as { inLoopMs: number; failures: number };
      if (b.code !== 0 || bj.failures > 0) throw new Error(`bare loop: exit ${b.code}, ${bj.failures} failed checks`);
      bare.push({ wall: b.ms, loop: bj.inLoopMs });
      const out = join(flows, 'reports');
      const r = await runProcess([join(flows, 'lib', 'cli', 'bin.mjs'), 'run', '--out', out, '--concurrency', '1']);
      const summary = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { summary: { passed: number; durationMs: number } }).summary;
      if (r.code !== 0 || summary.passed !== FLOWS) throw new Error(`runner: exit ${r.code}, ${summary.passed}/${FLOWS} passed: ${r.stderr}`);
      // summary.durationMs: from the runner's start to its last scenario, before the reports are written.
      runner.push({ wall: r.ms, loop: summary.durationMs });
    }

    // 4a. Scale: 1,000 scenarios with the CLI's defaults, memory sampled inside the process.
    log(`scale: ${SCALE_SCENARIOS} scenarios`);
    const memOut = join(scaled, 'memory.json');
    const out = join(scaled, 'reports');
    const r = await runProcess(['--import', pathToFileURL(join(HERE, 'memory-sampler.mjs')).href, join(scaled, 'lib', 'cli', 'bin.mjs'), 'run', '--out', out], {
      env: { ...process.env, BENCH_MEM_OUT: memOut, BENCH_MEM_EVERY_MS: '100' },
    });
    const doc = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { summary: { passed: number; durationMs: number; startedAt: string } };
    if (r.code !== 0) throw new Error(`scale run exited ${r.code}: ${r.stderr}`);
    const mem = JSON.parse(readFileSync(memOut, 'utf8')) as MemoryTrace & { timeOrigin: number };
    scale = { wall: r.ms, durationMs: doc.summary.durationMs, passed: doc.summary.passed, mem, timeOrigin: mem.timeOrigin, startedAt: doc.summary.startedAt };

    // 4c. A response of LARGE_MB MB: the runner stops reading at the cap, so the process stays small.
    log(`scale: a ${LARGE_MB} MB response`);
    const big = largeBodyProject(server.base, LARGE_MB, compiled);
    projects.push(big);
    const bigMem = join(big, 'memory.json');
    const bigOut = join(big, 'reports');
    const rb = await runProcess(['--import', pathToFileURL(join(HERE, 'memory-sampler.mjs')).href, join(big, 'lib', 'cli', 'bin.mjs'), 'run', '--out', bigOut], {
      env: { ...process.env, BENCH_MEM_OUT: bigMem },
    });
    // Exit 1: the check that looks inside the body fails, saying the body exceeded the cap.
    const bigDoc = JSON.parse(readFileSync(join(bigOut, 'results.json'), 'utf8')) as { scenarios: Array<{ steps: Array<{ checks: Array<{ message?: string }> }> }> };
    const message = bigDoc.scenarios[0]?.steps[0]?.checks.map((c) => c.message ?? '').find((m) => /exceeded the cap/.test(m));
    if (rb.code !== 1 || !message) throw new Error(`large-body run: exit ${rb.code}, no check saying the cap was exceeded: ${rb.stderr}`);
    large = { maxRss: (JSON.parse(readFileSync(bigMem, 'utf8')) as MemoryTrace).maxRss, message };
  } finally {
    server.stop();
    for (const p of projects) rmSync(p, { recursive: true, force: true });
  }

  // 4b. A 10,000-Slot searchset through the profile and FHIRPath checks, in its own process.
  log(`scale: ${SLOTS} slots`);
  const sl = await runProcess(['--import', 'tsx', join(HERE, 'slots.ts'), String(SLOTS)], { keepStdout: true });
  if (sl.code !== 0) throw new Error(`slots.ts exited ${sl.code}: ${sl.stderr}`);
  const slots = JSON.parse(sl.stdout) as { bodyBytes: number; parsedMs: number; totalMs: number; baseRss: number; peakRss: number; perCheck: Array<{ check: string; ms: number; outcome: string }> };
  const slowest = [...slots.perCheck].sort((a, b) => b.ms - a.ms)[0]!;
  const notPassed = slots.perCheck.filter((c) => c.outcome !== 'pass');
  if (notPassed.length) throw new Error(`the slot bundle failed checks: ${JSON.stringify(notPassed)}`);

  for (const d of [phasesDir, fullDir, oneDir]) rmSync(d, { recursive: true, force: true });

  if (!scale || !large) throw new Error('the scale runs did not finish');
  // Memory across the scale run: only the samples taken while scenarios ran (not start-up or the reports).
  const runFrom = Date.parse(scale.startedAt) - scale.timeOrigin;
  const during = scale.mem.samples.filter((x) => x.t >= runFrom && x.t <= runFrom + scale.durationMs);
  const at = (f: number) => during[Math.min(during.length - 1, Math.floor(f * (during.length - 1)))]!;
  const [q1, q2, q3, q4] = [0.25, 0.5, 0.75, 1].map(at);
  // Flat: resident memory grows by less than 10% between a quarter of the way in and the end.
  const flat = q4!.rss - q1!.rss < 0.1 * q1!.rss;

  const wall = { bare: median(bare.map((x) => x.wall)), runner: median(runner.map((x) => x.wall)) };
  const loop = { bare: median(bare.map((x) => x.loop)), runner: median(runner.map((x) => x.loop)) };
  const ratio = { wall: wall.runner / wall.bare, loop: loop.runner / loop.bare };
  const share = (x: number) => `${((x / phases.totalMs!) * 100).toFixed(0)}%`;
  const requests = FLOWS * 4;

  const rows = [
    '| what | measured | budget | |',
    '|---|---|---|---|',
    `| full default run, \`run --out DIR\` (${phases.scenarios} scenarios), whole process | ${s(full.ms)} | < 5 s | ${verdict(full.ms < BUDGET.fullRunMs)} |`,
    `| — the same run in-process: start-up (node, tsx, imports) | ${ms(phases.startupMs!)} (${share(phases.startupMs!)}) | | |`,
    `| — loading and compiling suites (\`openInputs\`) | ${ms(phases.loadMs!)} (${share(phases.loadMs!)}) | | |`,
    `| — waiting for the embedded target (started on its thread before loading), choosing scenarios | ${ms(phases.targetMs!)} (${share(phases.targetMs!)}) | | |`,
    `| — running (\`runSuites\`, ${concurrency ? `concurrency ${concurrency}` : "the CLI's default: the target's concurrency"}) | ${s(phases.runMs!)} (${share(phases.runMs!)}) | | |`,
    `| — writing reports (console summary, junit.xml, results.json) | ${ms(phases.reportsMs!)} (${share(phases.reportsMs!)}) | | |`,
    `| cold \`--help\` (median of ${help.all.length}) | ${ms(help.ms)} | < 150 ms | ${verdict(help.ms < BUDGET.helpMs)} |`,
    `| — for comparison: \`node -e 0\`, \`node --import tsx -e 0\` (median of ${nodeFloor.all.length}) | ${ms(nodeFloor.ms)}, ${ms(tsxFloor.ms)} | | |`,
    `| cold \`lint\` (median of ${lint.all.length}) | ${ms(lint.ms)} | | |`,
    `| cold \`list\` (median of ${list.all.length}) | ${ms(list.ms)} | | |`,
    `| cold \`run --grep GPC-META-001\` (one scenario, median of ${runOne.all.length}) | ${ms(runOne.ms)} | < 400 ms | ${verdict(runOne.ms < BUDGET.runOneMs)} |`,
    `| runner / bare undici, ${FLOWS} flows (${requests} requests, ${FLOWS * CHECKS_PER_FLOW} checks), wall time of a fresh process | ${s(wall.runner)} / ${s(wall.bare)} = **×${ratio.wall.toFixed(2)}** | ≤ ×1.3 | ${verdict(ratio.wall <= BUDGET.overhead)} |`,
    `| the same, time inside the loop only (no start-up) | ${ms(loop.runner)} / ${ms(loop.bare)} = **×${ratio.loop.toFixed(2)}** (${((loop.runner / requests) * 1000).toFixed(0)} vs ${((loop.bare / requests) * 1000).toFixed(0)} µs a request) | ≤ ×1.3 | ${verdict(ratio.loop <= BUDGET.overhead)} |`,
    `| ${SCALE_SCENARIOS} generated flow scenarios (${SCALE_SCENARIOS * 4} requests), whole process | ${s(scale.wall)} (running ${s(scale.durationMs)}), peak RSS ${mib(scale.mem.maxRss)} | | |`,
    `| — resident memory while running, at ¼ ½ ¾ and the end | ${[q1, q2, q3, q4].map((x) => (x!.rss / MiB).toFixed(0)).join(' → ')} MiB (heap ${[q1, q2, q3, q4].map((x) => (x!.heap / MiB).toFixed(0)).join(' → ')} MiB): ${flat ? 'flat' : '**growing**'} | | |`,
    `| searchset of ${SLOTS.toLocaleString('en')} Slots (${(slots.bodyBytes / MiB).toFixed(1)} MiB): JSON.parse + \`eRS-SlotSearchset\` profile + ${slots.perCheck.length - 1} A015 FHIRPath checks | ${ms(slots.totalMs)} (slowest: ${ms(slowest.ms)}, \`${slowest.check.slice(0, 48)}…\`) | < 1 s | ${verdict(slots.totalMs < BUDGET.slotsMs)} |`,
    `| — peak RSS of that process (${mib(slots.baseRss)} before the bundle) | ${mib(slots.peakRss)} | < 300 MB | ${verdict(slots.peakRss < BUDGET.slotsBytes)} |`,
    `| a ${LARGE_MB} MB response (one scenario, default \`maxBodyBytes\`), whole process: peak RSS | ${mib(large.maxRss)} (${large.message.slice(0, 60)}…) | < 300 MB | ${verdict(large.maxRss < BUDGET.largeBytes)} |`,
  ];
  const note =
    `\nMeasured ${when} on ${availableParallelism()} cores (load average ${load}), node ${process.version}; ` +
    `the CLI ran ${compiled ? 'the compiled dist/' : 'the TypeScript sources through tsx (dist/ was not current)'}. ` +
    `Runner and bare loop: ${bare.length} alternating rounds, median, against one loopback server ` +
    `(\`lib/scripts/bench/flow-server.mjs\`), one flow after another; the bench took ${s(performance.now() - started)}.\n`;
  process.stdout.write(rows.join('\n') + '\n' + note);

  const file = join(PROJECT_ROOT, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const [b, e] = ['<!-- bench:begin -->', '<!-- bench:end -->'];
  const start = readme.indexOf(b);
  const end = readme.indexOf(e);
  if (start >= 0 && end > start) writeFileSync(file, readme.slice(0, start + b.length) + '\n' + rows.join('\n') + '\n' + note + readme.slice(end));
}

await main();
