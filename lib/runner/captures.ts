import type { Faker } from '@faker-js/faker';
import type { HttpResponse } from '../http/client.ts';
import type { CaptureSpec } from '../model/suite.ts';

export type CaptureOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** A capture expression that throws is the suite's mistake: the step is errored, not failed. */
export class CaptureToolError extends Error {}

/** Takes a value out of a response for later steps. Nothing found is the target's failure. */
/** A run-wide record of what `pick: random` handed out, so concurrent scenarios never pick the same slot. */
export type Claim = (key: string) => boolean;

function identity(item: unknown): string {
  const id = (item as { resourceType?: unknown; id?: unknown } | null)?.id;
  return id !== undefined ? `${String((item as { resourceType?: unknown }).resourceType)}/${String(id)}` : JSON.stringify(item);
}

export function capture(spec: CaptureSpec, response: HttpResponse, json: unknown, vars: Record<string, unknown>, faker: Faker, claim: Claim): CaptureOutcome {
  if (spec.kind === 'header') {
    const v = response.headers[spec.header.toLowerCase()];
    return v === undefined ? { ok: false, message: `cannot capture '${spec.name}': header ${spec.header} is missing` } : { ok: true, value: v };
  }
  if (json === undefined || json === null || typeof json !== 'object') {
    return { ok: false, message: `cannot capture '${spec.name}': the response body is not JSON` };
  }
  let result: unknown[];
  try {
    result = spec.compiled(json, vars);
  } catch (err) {
    throw new CaptureToolError(`cannot evaluate capture '${spec.name}': ${(err as Error).message}`);
  }
  if (spec.pick === 'all') return { ok: true, value: result };
  if (result.length === 0) return { ok: false, message: `cannot capture '${spec.name}': ${spec.expression} found nothing in the response` };
  if (spec.pick === 'first') return { ok: true, value: result[0] };
  // Seeded order, then the first item no other scenario of this run has claimed.
  const order = faker.helpers.shuffle(result.map((_, i) => i));
  const free = order.find((i) => claim(identity(result[i])));
  if (free === undefined) return { ok: false, message: `cannot capture '${spec.name}': every item ${spec.expression} found is already taken by another scenario of this run` };
  return { ok: true, value: result[free] };
}
