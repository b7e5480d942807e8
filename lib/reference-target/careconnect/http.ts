// Response helpers: FHIR JSON replies, the plain-text answers of a crashed provider, and errors as OperationOutcomes.
import type { Reply } from '../types.ts';
import type { CcContext } from './context.ts';
import { CcError, outcomeOf, statusOf } from './outcome.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function fhirReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': FHIR_JSON, ...headers }, body };
}

export function textReply(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}

/** A CcError is the provider's own answer; anything else is a crash, answered as a servlet container would. */
export function errorReply(error: unknown, ctx: CcContext): Reply {
  if (error instanceof CcError) return fhirReply(statusOf(error, ctx), outcomeOf(error, ctx));
  return textReply(500, `Internal Server Error\n${error instanceof Error ? error.message : String(error)}`);
}
