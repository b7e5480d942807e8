import type { Faker } from '@faker-js/faker';
import type { HttpResponse } from '../http/client.ts';
import type { CaptureSpec } from '../model/suite.ts';

export type CaptureOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** Takes a value out of a response for later steps. Nothing found is the target's failure. */
export function capture(spec: CaptureSpec, response: HttpResponse, json: unknown, vars: Record<string, unknown>, faker: Faker): CaptureOutcome {
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
    return { ok: false, message: `cannot capture '${spec.name}': ${(err as Error).message}` };
  }
  if (spec.pick === 'all') return { ok: true, value: result };
  if (result.length === 0) return { ok: false, message: `cannot capture '${spec.name}': ${spec.expression} found nothing in the response` };
  const index = spec.pick === 'random' ? faker.number.int({ min: 0, max: result.length - 1 }) : 0;
  return { ok: true, value: result[index] };
}
