import type { HttpResponse } from '../http/client.ts';
import type { FhirVersion } from '../model/fhir.ts';
import type { CaptureSpec } from '../model/suite.ts';
// Picks use their own seeded stream, so they never shift the scenario's faker data.
import { seededRandom } from '../common/random.ts';

export type CaptureOutcome = { ok: true; value: unknown } | { ok: false; message: string } | { ok: false; skip: string };

/** A capture expression that throws is the suite's mistake: the step is errored, not failed. */
export class CaptureToolError extends Error {}

/**
 * A run-wide record of what `pick: random` handed out, so concurrent scenarios never pick the same
 * item (a slot). A scenario's claims are released when it ends without having written anything, so
 * a negative row that never books holds no slot.
 */
export interface Claims {
  claim(key: string): boolean;
  release(key: string): void;
  /** Items to try first (under --shard against a shared target, the shard's own: see runner/shard.ts). */
  prefers?(key: string): boolean;
}

/** The item's identity across responses: resourceType/id, or its JSON. */
export function identity(item: unknown): string {
  const id = (item as { resourceType?: unknown; id?: unknown } | null)?.id;
  return id !== undefined ? `${String((item as { resourceType?: unknown }).resourceType)}/${String(id)}` : JSON.stringify(item);
}


function shuffledIndexes(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export interface CaptureEnv {
  /** Seed of this capture's own pick stream (from the run seed, the scenario, the step and the name). */
  pickSeed: number;
  claims: Claims;
  /** Why the body is not JSON, when it is not (a cap, invalid UTF-8, HTML...), for the failure message. */
  notJson?: string;
  /** The FHIR version of the endpoint that answered (the pack's, or the one the target's entry chose). */
  fhirVersion?: FhirVersion;
}

/** Takes a value out of a response for later steps. Nothing found is the target's failure, unless the capture says `orSkip`. */
export function capture(spec: CaptureSpec, response: HttpResponse, json: unknown, vars: Record<string, unknown>, env: CaptureEnv): CaptureOutcome {
  if (spec.kind === 'header') {
    const v = response.headers[spec.header.toLowerCase()];
    return v === undefined ? { ok: false, message: `cannot capture '${spec.name}': header ${spec.header} is missing` } : { ok: true, value: v };
  }
  if (json === undefined || json === null || typeof json !== 'object') {
    return { ok: false, message: `cannot capture '${spec.name}': the response body is not JSON${env.notJson ? ` (${env.notJson})` : ''}` };
  }
  let result: unknown[];
  try {
    result = spec.compiled(json, vars, env.fhirVersion);
  } catch (err) {
    throw new CaptureToolError(`cannot evaluate capture '${spec.name}': ${(err as Error).message}`);
  }
  if (spec.pick === 'all') return { ok: true, value: result };
  if (result.length === 0) {
    if (spec.orSkip) return { ok: false, skip: `${spec.orSkip} (the target offered none: ${spec.expression} found nothing)` };
    return { ok: false, message: `cannot capture '${spec.name}': ${spec.expression} found nothing in the response` };
  }
  if (spec.pick === 'first') return { ok: true, value: result[0] };
  // The capture's own seeded order, then the first item no other scenario of this run holds.
  const shuffled = shuffledIndexes(result.length, seededRandom(env.pickSeed));
  const prefers = (i: number) => env.claims.prefers?.(identity(result[i])) ?? true;
  const order = [...shuffled.filter(prefers), ...shuffled.filter((i) => !prefers(i))];
  const free = order.find((i) => env.claims.claim(identity(result[i])));
  if (free === undefined) {
    const why = `every one of the ${result.length} items ${spec.expression} found is held by another scenario of this run`;
    if (spec.orSkip) return { ok: false, skip: `${spec.orSkip} (${why})` };
    return { ok: false, message: `cannot capture '${spec.name}': ${why}` };
  }
  return { ok: true, value: result[free] };
}
