// Orchestrates a run: runs the selected scenarios with bounded concurrency and reports only
// through events. What to run is chosen before (runner/select.ts, called by the session).

import type { HttpClient } from '../http/client.ts';
import { createHttpClient } from '../http/client.ts';
import { Redactor } from '../http/redact.ts';
import { AccessTokens } from '../auth/access-tokens.ts';
import type { Workspace } from '../loader/workspace.ts';
import type { RunSummary, ScenarioResult, SkipCause } from '../model/result.ts';
import type { Scenario, Suite } from '../model/suite.ts';
import type { Target } from '../model/target.ts';
import { formatLondonDateTime } from '../common/london-time.ts';
import type { RunEvents } from './events.ts';
import { packsOfTarget } from './instances.ts';
import { runScenario, type StepProbe } from './scenario.ts';
import type { Selection } from './select.ts';
import { shardOwnsItem } from './shard.ts';
import { poolId, poolParts, takesOf, type PoolPart } from './shared-pools.ts';

export interface RunOptions {
  workspace: Workspace;
  /** Bases already absolute (an embedded target started by the caller). */
  target: Target;
  events: RunEvents;
  /** What to run, chosen once by the session (runner/select.ts) and checked against the target's fixtures. */
  selection: Selection;
  seed: number;
  /** Scenarios in flight at once; absent: the target's (targets.yaml concurrency). */
  concurrency?: number;
  bail?: boolean;
  /** The run's one clock read; defaults to now. */
  clock?: Date;
  faults?: string[];
  liberties?: string[];
  /** Aborted on SIGINT/SIGTERM: nothing more is sent, scenarios not started are skipped, the reports say incomplete. */
  stop?: AbortSignal;
  /** Tests only: see every step's checks replayed against other bodies. */
  probe?: (probe: StepProbe) => void;
  /** run --deadline: past it, scenarios not started are skipped and requests in flight are aborted (errored). */
  deadlineMs?: number;
}

interface Skip {
  cause: SkipCause;
  reason: string;
}

function skipReason(sc: Scenario, target: Target): Skip | undefined {
  const missing = sc.packs.filter((p) => !(p in target.packs));
  if (missing.length > 0) return { cause: 'not-implemented', reason: `target does not implement ${missing.join(', ')}` };
  if (sc.writes && !target.testEnvironment) return { cause: 'not-test-environment', reason: `writes data, and target '${target.name}' is not declared a test environment (testEnvironment: true)` };
  return undefined;
}

function skipped(sc: Scenario, suite: Suite, skip: Skip): ScenarioResult {
  return { id: sc.id, pack: suite.pack, suite: suite.name, file: suite.file, title: sc.title, level: sc.level, requirement: sc.requirement, source: sc.source, status: 'skipped', reason: skip.reason, skipCause: skip.cause, steps: [], durationMs: 0 };
}

/**
 * Fixture lists (`${take:key}`): every scenario's items are fixed before the run, in selection
 * order, so which referral or patient a scenario gets never depends on --concurrency or on which
 * scenario happens to reach its step first.
 */
class Pools {
  /** Per scenario and pool: the offset of its first planned item, and how many it plans. */
  private readonly plan = new Map<string, { first: number; count: number }>();
  private readonly used = new Map<string, number>();
  /** A scenario that takes more than planned (a repeated step) gets items after every plan. */
  private readonly beyond = new Map<string, number>();
  /** Set when shards share the target: this shard's part of each list (lib/runner/shared-pools.ts). */
  constructor(
    private readonly target: Target,
    takes: ReadonlyArray<{ id: string; pools: readonly string[] }>,
    private readonly parts?: Map<string, PoolPart>,
  ) {
    for (const t of takes) {
      for (const pool of t.pools) {
        const key = `${t.id}|${pool}`;
        const planned = this.plan.get(key) ?? { first: this.beyond.get(pool) ?? 0, count: 0 };
        planned.count++;
        this.plan.set(key, planned);
        this.beyond.set(pool, (this.beyond.get(pool) ?? 0) + 1);
      }
    }
  }
  take(scenario: string, pack: string, key: string): unknown {
    const list = this.target.packs[pack]?.fixtures[key];
    if (!Array.isArray(list)) throw new Error(`fixture '${key}' is not a list`);
    const id = poolId(key, list);
    const part = this.parts ? (this.parts.get(id) ?? { start: 0, end: 0 }) : { start: 0, end: list.length };
    const mine = `${scenario}|${id}`;
    const n = this.used.get(mine) ?? 0;
    this.used.set(mine, n + 1);
    const planned = this.plan.get(mine);
    let offset: number;
    if (planned && n < planned.count) offset = planned.first + n;
    else {
      offset = this.beyond.get(id) ?? 0;
      this.beyond.set(id, offset + 1);
    }
    const i = part.start + offset;
    if (i >= Math.min(part.end, list.length)) {
      const share = this.parts ? `, of which this shard's part is ${Math.max(0, Math.min(part.end, list.length) - part.start)}` : '';
      throw new Error(`fixture list '${key}' is used up (${list.length} items${share}): the target needs more`);
    }
    return list[i];
  }
}

export function summarize(results: ReadonlyArray<Pick<ScenarioResult, 'status'>>, info: { target: string; seed: number; startedAt: string; durationMs: number }): RunSummary {
  const count = (s: ScenarioResult['status']) => results.filter((r) => r.status === s).length;
  return {
    ...info,
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    warned: count('warned'),
    info: count('info'),
    skipped: count('skipped'),
    errored: count('errored'),
  };
}

export async function runSuites(opts: RunOptions): Promise<{ summary: RunSummary; results: ScenarioResult[] }> {
  const { workspace, target, events, selection } = opts;
  const clock = opts.clock ?? new Date();
  const startedAt = new Date();
  const started = performance.now();
  const client: HttpClient = createHttpClient(target.tls, target.timeoutMs, { ...(target.maxBodyBytes ? { maxBodyBytes: target.maxBodyBytes } : {}), ...(target.retry ? { retry: target.retry } : {}) });
  const deadlineSignal = opts.deadlineMs !== undefined ? AbortSignal.timeout(opts.deadlineMs) : undefined;
  // One signal for the HTTP client: the deadline passing or the run being stopped both abandon requests in flight.
  const stopSignals = [deadlineSignal, opts.stop].filter((s): s is AbortSignal => s !== undefined);
  const deadline = stopSignals.length > 1 ? AbortSignal.any(stopSignals) : stopSignals[0];
  // Each shard starts its own embedded target; any other target is shared by all the shards.
  const sharedShard = selection.shard && !target.embedded ? selection.shard : undefined;
  const pools = new Pools(target, takesOf(selection.suites, target), sharedShard && selection.whole ? poolParts(takesOf(selection.whole, target), sharedShard) : undefined);
  const redactor = new Redactor(target.secrets);
  // Each entry's pack in the FHIR version the entry chose, instances (pack@label) under their own name.
  const packs = packsOfTarget(workspace.packs, target);
  // This run's OAuth2/SMART access tokens, one per target pack: none outlives the run.
  const tokens = new AccessTokens(client, deadline ? { deadline } : {});
  const claimed = new Set<string>();
  const claims = {
    claim: (key: string) => (claimed.has(key) ? false : (claimed.add(key), true)),
    release: (key: string) => void claimed.delete(key),
    ...(sharedShard ? { prefers: (key: string) => shardOwnsItem(key, sharedShard) } : {}),
  };
  let stop = false;
  const judge = async (sc: Scenario, suite: Suite): Promise<ScenarioResult> => {
    if (opts.stop?.aborted) return skipped(sc, suite, { cause: 'interrupted', reason: `not run: ${(opts.stop.reason as Error)?.message ?? 'the run was stopped'}` });
    if (stop) return skipped(sc, suite, { cause: 'bail', reason: 'not run: --bail stopped the run after a failure' });
    if (deadlineSignal?.aborted) return skipped(sc, suite, { cause: 'deadline', reason: `not run: the run's deadline (--deadline ${opts.deadlineMs! / 1000} s) passed before it started` });
    const skip = skipReason(sc, target);
    events.emit('scenario:start', sc, suite);
    const result = skip
      ? skipped(sc, suite, skip)
      : await runScenario(sc, suite, {
          target,
          packs,
          profiles: workspace.profiles,
          client,
          redactor,
          tokens,
          clock,
          seed: opts.seed,
          take: (pack, key) => pools.take(sc.id, pack, key),
          claims,
          onStep: (step) => events.emit('step:end', step, sc),
          ...(deadline ? { deadline } : {}),
          ...(opts.probe ? { probe: opts.probe } : {}),
        });
    if (opts.bail && (result.status === 'failed' || result.status === 'errored')) stop = true;
    events.emit('scenario:end', result, suite);
    return result;
  };
  const total = selection.suites.reduce((n, s) => n + s.scenarios.length, 0);
  events.emit('run:start', {
    target: target.name,
    ...(target.description ? { targetDescription: target.description } : {}),
    seed: opts.seed,
    startedAt: startedAt.toISOString(),
    clock: formatLondonDateTime(clock),
    // A base URL may carry credentials or a key: the header and summary show it redacted.
    packs: Object.fromEntries(Object.entries(target.packs).map(([k, v]) => [k, redactor.text(v.base)])),
    faults: opts.faults ?? [],
    liberties: opts.liberties ?? [],
    scenarioCount: total,
    ...(selection.shard ? { shard: selection.shard } : {}),
  });
  // One pool over every selected scenario, whatever its suite: a slow suite (e-RS waits out the PAS
  // window) no longer holds the others back. Each scenario owns its data (claims, takes), so the
  // order they finish in changes no verdict; suite:end is still emitted in suite order.
  const jobs = selection.suites.flatMap(({ suite, scenarios }, s) => scenarios.map((sc, i) => ({ suite, sc, s, i })));
  const bySuite: ScenarioResult[][] = selection.suites.map(() => []);
  const left = selection.suites.map((x) => x.scenarios.length);
  const opened = new Set<number>();
  let closed = 0;
  const closeFinishedSuites = (): void => {
    while (closed < selection.suites.length && left[closed] === 0) {
      events.emit('suite:end', selection.suites[closed]!.suite, bySuite[closed]!);
      closed++;
    }
  };
  let all: ScenarioResult[] = [];
  let incomplete: string | undefined;
  let finished: { summary: RunSummary; results: ScenarioResult[] };
  try {
    try {
      await runPool(jobs, opts.concurrency ?? target.concurrency, [], async ({ suite, sc, s, i }) => {
        if (!opened.has(s)) {
          opened.add(s);
          events.emit('suite:start', suite);
        }
        const result = await judge(sc, suite);
        bySuite[s]![i] = result;
        left[s]!--;
        closeFinishedSuites();
        return result;
      });
    } finally {
      // Whatever finished is kept, even when the run stopped on an internal error.
      all = bySuite.flatMap((results) => results.filter((r) => r !== undefined));
    }
  } catch (err) {
    incomplete = `internal error: ${(err as Error)?.message ?? String(err)}`;
    // Suites cut short still reach their subscribers, with what they finished.
    for (let s = closed; s < selection.suites.length; s++) {
      if (opened.has(s)) events.emit('suite:end', selection.suites[s]!.suite, bySuite[s]!.filter((r) => r !== undefined));
    }
    throw err;
  } finally {
    await client.close();
    if (!incomplete && opts.stop?.aborted) incomplete = (opts.stop.reason as Error)?.message ?? 'the run was stopped';
    const summary = summarize(all, { target: target.name, seed: opts.seed, startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - started) });
    // The reports are written from this event: it is sent even when the run stopped early.
    finished = { summary: { ...summary, ...(incomplete ? { incomplete } : {}) }, results: all };
    events.emit('run:end', finished.summary, all);
  }
  return finished;
}

/** Runs items with at most `limit` in flight, into `results` in the input order (filled as they finish). */
async function runPool<T, R>(items: T[], limit: number, results: R[], fn: (item: T) => Promise<R>): Promise<R[]> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
