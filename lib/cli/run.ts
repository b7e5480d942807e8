import { join, resolve } from 'node:path';
import { attachConsoleReporter } from '../report/console.ts';
import { attachHtmlReporter } from '../report/html.ts';
import { attachJsonReporter } from '../report/json.ts';
import { attachJunitReporter } from '../report/junit.ts';
import { RunEvents } from '../runner/events.ts';
import { runSuites } from '../runner/run.ts';
import { startTarget, TargetStartError, type LiveTarget } from '../targets/embedded.ts';
import type { Target } from '../model/target.ts';
import { chooseScenarios, openTargets, openWorkspace } from '../session/session.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import type { Io } from './commands.ts';
import { filterOf } from '../runner/select.ts';
import { EXIT, runExit } from './exit-codes.ts';
import { prepareReportDir, ReportDirError } from './report-dir.ts';
import { RunStopped } from '../http/client.ts';
import type { Shard } from '../runner/shard.ts';
import type { CapabilityRecord } from '../evidence/capability.ts';
import { REPORT_FILES } from './report-dir.ts';

export interface RunCommandOptions {
  target?: string;
  targets?: string;
  suite?: string;
  suites?: string[];
  grep?: string;
  tags?: string[];
  out: string;
  seed: number;
  /** Absent: the target's (targets.yaml concurrency). */
  concurrency?: number;
  bail: boolean;
  /** Seconds the whole run may take. */
  deadline?: number;
  fault: string[];
  liberty: string[];
  verbose?: boolean;
  /** Exit 0 even when nothing was judged (no scenario selected, every writing one skipped). */
  allowEmpty?: boolean;
  /** A SHOULD warning fails the run (exit 1) and is a <failure> in JUnit. */
  strict?: boolean;
  /** Which JUnit testcases carry their exchange (default: those that did not pass). */
  junitExchanges?: 'failures' | 'all';
  shard?: Shard;
  /** Also write an evidence pack into this new or empty folder (lib/evidence). */
  evidence?: string;
}

/** SIGINT and SIGTERM stop the run: nothing more is sent, the reports are written marked incomplete. */
function stopOnSignals(): { signal: AbortSignal; code(): number | undefined; dispose(): void } {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const on = (sig: NodeJS.Signals) => () => {
    received = sig;
    controller.abort(new RunStopped(`the run was interrupted by ${sig}`));
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    code: () => (received === 'SIGINT' ? EXIT.sigint : received === 'SIGTERM' ? EXIT.sigterm : undefined),
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

type Starting = Promise<{ live: LiveTarget } | { error: unknown }>;

/**
 * From this many scenarios the embedded target runs on its own thread: its work then goes to the other core
 * (a second thread costs ~150 ms more to start than the in-process target, repaid at ~2.5 ms a scenario).
 */
const THREAD_FROM_SCENARIOS = 50;

const unfiltered = (opts: RunCommandOptions) => !opts.grep && !opts.tags?.length && !opts.suite && !opts.shard;

function begin(target: Target, opts: RunCommandOptions, thread: boolean, packs?: ReadonlySet<string>): Starting {
  return startTarget(target, { faults: opts.fault, liberties: opts.liberty, thread, ...(packs ? { packs } : {}) }).then(
    (live) => ({ live }),
    (error: unknown) => ({ error }),
  );
}

/** A run that stops before its first request closes the target it started. */
async function abandon(starting: Starting | undefined): Promise<void> {
  const s = await starting;
  if (s && 'live' in s) await s.live.close();
}

export async function runCommand(opts: RunCommandOptions, io: Io): Promise<number> {
  const inputs = openTargets(opts);
  const { target } = inputs;
  // An unfiltered run is a large one: its embedded target starts on its own thread at once, while the suites
  // load and compile on this one. Any other target is contacted (fixturesFrom) only once every input has been
  // checked: bad input sends nothing.
  const early = target.embedded && unfiltered(opts) ? begin(target, opts, true) : undefined;
  let workspace;
  try {
    workspace = openWorkspace(opts, inputs);
  } catch (err) {
    await abandon(early);
    throw err;
  }
  const out = resolve(opts.out);
  try {
    prepareReportDir(out);
  } catch (err) {
    await abandon(early);
    if (!(err instanceof ReportDirError)) throw err;
    io.err(`error: ${err.message}`);
    return EXIT.input;
  }
  const evidence = opts.evidence !== undefined ? resolve(opts.evidence) : undefined;
  if (evidence !== undefined) {
    // Loaded only for --evidence; checked before anything is sent, like the report folder.
    const { prepareEvidenceDir } = await import('../evidence/pack.ts');
    const { EvidenceInputError } = await import('../evidence/manifest.ts');
    try {
      prepareEvidenceDir(evidence);
    } catch (err) {
      await abandon(early);
      if (!(err instanceof EvidenceInputError)) throw err;
      io.err(`error: ${err.message}`);
      return EXIT.input;
    }
  }
  const scenarios = workspace.suites.flatMap((s) => s.scenarios);
  // A filtered run's target serves just the packs its scenarios address.
  const addressed = new Set(scenarios.flatMap((sc) => sc.packs));
  const started = await (early ?? begin(target, opts, scenarios.length >= THREAD_FROM_SCENARIOS, addressed));
  if ('error' in started) {
    if (started.error instanceof TargetStartError) {
      io.err(`error: ${started.error.message}`);
      return EXIT.input;
    }
    throw started.error;
  }
  const { live } = started;
  // Fixtures are known once the target has started (it may publish some); still before any suite request.
  let selection;
  let capability: CapabilityRecord[] = [];
  try {
    selection = chooseScenarios(workspace, live.target, filterOf(opts));
    if (evidence !== undefined) {
      // The statements as the target serves them when the run starts, for the packs the run addresses.
      const { fetchCapabilityStatements } = await import('../evidence/capability.ts');
      const used = new Set(selection.suites.flatMap(({ suite, scenarios }) => [suite.pack, ...scenarios.flatMap((sc) => sc.packs)]));
      capability = await fetchCapabilityStatements(live.target, workspace.packs, used);
    }
  } catch (err) {
    await live.close();
    throw err;
  }
  const events = new RunEvents();
  attachConsoleReporter(events, { write: io.out, ...(opts.verbose ? { verbose: true } : {}) });
  attachJunitReporter(events, join(out, 'junit.xml'), { ...(opts.junitExchanges ? { exchanges: opts.junitExchanges } : {}), ...(opts.strict ? { strict: true } : {}) });
  attachJsonReporter(events, join(out, 'results.json'));
  attachHtmlReporter(events, join(out, 'report.html'), { root: PROJECT_ROOT });
  const stop = stopOnSignals();
  try {
    const { summary, results } = await runSuites({
      workspace,
      target: live.target,
      selection,
      events,
      seed: opts.seed,
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      bail: opts.bail,
      stop: stop.signal,
      ...(opts.deadline !== undefined ? { deadlineMs: opts.deadline * 1000 } : {}),
      faults: [...(target.embedded?.faults ?? []), ...opts.fault],
      liberties: [...(target.embedded?.liberties ?? []), ...opts.liberty],
    });
    io.out(`reports: ${join(out, 'junit.xml')}, ${join(out, 'results.json')}, ${join(out, 'report.html')}`);
    if (evidence !== undefined) {
      const { writeEvidencePack } = await import('../evidence/pack.ts');
      const manifest = writeEvidencePack({ dir: evidence, root: PROJECT_ROOT, reports: REPORT_FILES.map((f) => join(out, f)), results, packs: workspace.packs, capability });
      const fetched = capability.filter((c) => c.outcome === 'answered').length;
      io.out(`evidence: ${evidence} (${manifest.files.length} files in manifest.json; CapabilityStatement fetched for ${fetched} of ${capability.length} packs; check it with: booking-conformance verify ${opts.evidence})`);
    }
    const interrupted = stop.code();
    if (interrupted !== undefined) return interrupted;
    const { code, why } = runExit(summary, results, opts.allowEmpty ?? false, opts.strict ?? false);
    if (why) io.err(`error: nothing was judged: ${why} (exit ${code}; --allow-empty accepts this)`);
    return code;
  } catch (err) {
    // The runner has already written what it had, marked incomplete.
    io.err(`internal error after requests were sent: ${(err as Error)?.stack ?? String(err)}`);
    io.err(`reports (incomplete): ${join(out, 'junit.xml')}, ${join(out, 'results.json')}, ${join(out, 'report.html')}`);
    return EXIT.internal;
  } finally {
    stop.dispose();
    await live.close();
  }
}
