// Child process of the benchmark: the default run (`run --out DIR`) done in-process the way
// lib/cli/run.ts does it, with a clock read between the phases, so the CLI's wall time can be
// split into start-up, loading and compiling suites, starting the target, running and writing
// reports. Writes the phases as JSON to OUT. Usage: node --import tsx phases.ts DIR OUT CONCURRENCY
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attachConsoleReporter } from '../../report/console.ts';
import { attachJsonReporter } from '../../report/json.ts';
import { attachJunitReporter } from '../../report/junit.ts';
import { RunEvents } from '../../runner/events.ts';
import { runSuites } from '../../runner/run.ts';
import { chooseScenarios, openTargets, openWorkspace } from '../../session/session.ts';
import { startTarget } from '../../targets/embedded.ts';

// performance.now() counts from the process's start: this first read is node + tsx + every import.
const imported = performance.now();
const [dir, out, concurrency] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];

// As lib/cli/run.ts does: the embedded target starts on its thread while the suites load on this one.
const inputs = openTargets({});
const { target } = inputs;
const starting = startTarget(target, { faults: [], liberties: [], thread: true });
const workspace = openWorkspace({}, inputs);
const loaded = performance.now();
const live = await starting;
const selection = chooseScenarios(workspace, live.target, {});
const started = performance.now();

const events = new RunEvents();
// Listeners run in the order added: one before the reporters and one after bracket report writing.
let reportsFrom = 0;
let reportsTo = 0;
events.on('run:end', () => void (reportsFrom = performance.now()));
attachConsoleReporter(events, { write: (l) => process.stdout.write(l + '\n') });
attachJunitReporter(events, join(dir, 'junit.xml'));
attachJsonReporter(events, join(dir, 'results.json'));
events.on('run:end', () => void (reportsTo = performance.now()));
const { summary } = await runSuites({
  workspace,
  target: live.target,
  selection,
  events,
  seed: 1,
  ...(concurrency > 0 ? { concurrency } : {}),
  faults: target.embedded?.faults ?? [],
  liberties: target.embedded?.liberties ?? [],
});
await live.close();
const closed = performance.now();

const scenarios = selection.suites.reduce((n, s) => n + s.scenarios.length, 0);
writeFileSync(
  out,
  JSON.stringify({
    startupMs: imported,
    loadMs: loaded - imported,
    targetMs: started - loaded,
    runMs: reportsFrom - started,
    reportsMs: reportsTo - reportsFrom,
    closeMs: closed - reportsTo,
    totalMs: closed,
    scenarios,
    failed: summary.failed + summary.errored,
  }),
);
