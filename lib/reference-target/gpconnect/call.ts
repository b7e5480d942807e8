// What an interaction's handler receives for one request, and answers.
import type { RefRequest, Reply } from '../types.ts';
import type { GpcContext } from './context.ts';
import type { GpcWorld } from './world.ts';

/** Everything an interaction handler needs about one request. */
export interface Call {
  req: RefRequest;
  ctx: GpcContext;
  world: GpcWorld;
  /** Capture groups of the interaction's path pattern, e.g. the appointment id. */
  params: string[];
}

export type Handler = (call: Call) => Reply | Promise<Reply>;

export function param(call: Call, index = 0): string {
  const value = call.params[index];
  if (value === undefined) throw new Error(`path parameter ${index} missing`);
  return value;
}
