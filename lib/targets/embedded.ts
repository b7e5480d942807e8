import { startReferenceTarget } from '../reference/server.ts';
import type { Target } from './model.ts';

export interface LiveTarget {
  target: Target;
  close(): Promise<void>;
}

/**
 * An embedded target starts the reference target on a free loopback port and turns its
 * pack base paths into absolute URLs. Any other target is used as it is.
 */
export async function startTarget(target: Target, extraFaults: string[] = []): Promise<LiveTarget> {
  if (!target.embedded) {
    if (extraFaults.length > 0) throw new Error(`--fault applies only to an embedded target; '${target.name}' is not one`);
    return { target, close: async () => {} };
  }
  const faults = [...target.embedded.faults, ...extraFaults];
  const ref = await startReferenceTarget({
    faults,
    ...(target.embedded.seed !== undefined ? { seed: target.embedded.seed } : {}),
    options: target.embedded.options,
  });
  const packs = Object.fromEntries(Object.entries(target.packs).map(([id, p]) => [id, { ...p, base: ref.url + p.base }]));
  return { target: { ...target, packs }, close: () => ref.close() };
}
