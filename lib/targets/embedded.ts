import { createHttpClient, TransportError } from '../http/client.ts';
import { UnknownFaultError } from '../reference-target/errors.ts';
import { startReferenceTargetInThread, type ThreadOptions } from '../reference-target/thread.ts';
import type { Target, TargetPack } from '../model/target.ts';
import { withPractices } from './load.ts';

export interface LiveTarget {
  target: Target;
  close(): Promise<void>;
}

export class TargetStartError extends Error {}

/** Fixtures from the target win over what it publishes: the file is the user's word. */
/** An embedded pack's base and practice bases are paths on the reference target: made absolute on its origin. */
function onServer(pack: TargetPack, origin: string): TargetPack {
  const practices = pack.practices?.map((p) => ({ ...p, base: origin + p.base }));
  return withPractices({ ...pack, base: origin + pack.base, ...(practices ? { practices } : {}) });
}

function withFixtures(pack: TargetPack, published: Record<string, unknown> | undefined): TargetPack {
  return published ? { ...pack, fixtures: { ...published, ...pack.fixtures } } : pack;
}

async function fetchFixtures(target: Target, url: string): Promise<Record<string, Record<string, unknown>>> {
  const client = createHttpClient(target.tls, target.timeoutMs);
  try {
    const res = await client.send({ method: 'GET', url, headers: { Accept: 'application/json' } });
    if (res.status !== 200) throw new TargetStartError(`fixturesFrom ${url} answered ${res.status}`);
    return JSON.parse(res.body) as Record<string, Record<string, unknown>>;
  } catch (err) {
    if (err instanceof TargetStartError) throw err;
    if (err instanceof TransportError) throw new TargetStartError(`fixturesFrom ${url}: ${err.message}`);
    throw new TargetStartError(`fixturesFrom ${url} did not answer JSON: ${(err as Error).message}`);
  } finally {
    await client.close();
  }
}

/**
 * An embedded target starts the reference target on a free loopback port, turns its pack base
 * paths into absolute URLs and adds the test data the reference world publishes. Any other
 * target is used as it is, with the fixtures its `fixturesFrom` URLs publish.
 */
export interface Variations {
  faults?: string[];
  liberties?: string[];
  /**
   * Run the embedded reference target in a worker thread (a CLI run: the target's work goes to the other
   * core) rather than on this thread (the default: tests and sweeps that start one target per fault).
   */
  thread?: boolean;
  /**
   * The packs the run will address (pack ids, as suites name them): with no fault or liberty asked for, an
   * embedded target imports and builds only the modules serving them. Absent: every pack.
   */
  packs?: ReadonlySet<string>;
}

/** On this thread the pack modules are imported only now, and only those asked for. */
async function startHere(opts: ThreadOptions, only: ReadonlySet<string> | undefined) {
  const [{ startReferenceServer }, { modulesServing }] = await Promise.all([import('../reference-target/http-server.ts'), import('../reference-target/lazy-packs.ts')]);
  return startReferenceServer(await modulesServing(only), opts);
}

export async function startTarget(target: Target, extra: Variations = {}): Promise<LiveTarget> {
  const extraFaults = extra.faults ?? [];
  const extraLiberties = extra.liberties ?? [];
  if (!target.embedded) {
    if (extraFaults.length > 0) throw new TargetStartError(`--fault applies only to an embedded target; '${target.name}' is not one`);
    if (extraLiberties.length > 0) throw new TargetStartError(`--liberty applies only to an embedded target; '${target.name}' is not one`);
    const packs: Record<string, TargetPack> = {};
    for (const [id, p] of Object.entries(target.packs)) {
      packs[id] = p.fixturesFrom ? withFixtures(p, (await fetchFixtures(target, p.fixturesFrom))[id]) : p;
    }
    return { target: { ...target, packs }, close: async () => {} };
  }
  const opts = {
    faults: [...target.embedded.faults, ...extraFaults],
    liberties: [...target.embedded.liberties, ...extraLiberties],
    ...(target.embedded.seed !== undefined ? { seed: target.embedded.seed } : {}),
    options: target.embedded.options,
  };
  // A fault or liberty may belong to any module: its name is checked against the whole catalogue.
  const varied = opts.faults.length + opts.liberties.length > 0;
  const only = extra.packs && !varied ? extra.packs : undefined;
  const ref = await (extra.thread ? startReferenceTargetInThread({ ...opts, ...(only ? { packs: [...only] } : {}) }) : startHere(opts, only)).catch((err: unknown) => {
    // A misspelt fault or liberty is the user's input error, told like any other.
    throw err instanceof UnknownFaultError ? new TargetStartError(err.message) : err;
  });
  const published = ref.fixtures();
  const packs = Object.fromEntries(Object.entries(target.packs).map(([id, p]) => [id, withFixtures(onServer(p, ref.url), published[id])]));
  return { target: { ...target, packs }, close: () => ref.close() };
}
