import type { PackContext, RefRequest } from '../types.ts';
import type { World } from './world.ts';

/** Everything an interaction handler needs about one request. */
export interface Call {
  req: RefRequest;
  ctx: PackContext;
  world: World;
  /** Capture groups of the interaction's path pattern, e.g. the appointment id. */
  params: string[];
}

/** What a handler answers; the pipeline adds the headers every response carries. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (call: Call) => Reply | Promise<Reply>;

export type Scope = 'patient/*.read' | 'patient/*.write' | 'organization/*.read' | 'organization/*.write';

export interface Interaction {
  /** Short name used by tests and the testing helpers, e.g. 'book-appointment'. */
  name: string;
  /** The Ssp-InteractionID value. */
  id: string;
  method: 'GET' | 'POST' | 'PUT';
  path: RegExp;
  scope: Scope;
  run: Handler;
}

export function param(call: Call, index = 0): string {
  const value = call.params[index];
  if (value === undefined) throw new Error(`path parameter ${index} missing`);
  return value;
}
