// Headers that follow from a response's content: versioning (ETag, Last-Modified, Location), caching, type.
import type { RefRequest, RefResponse, Reply } from '../types.ts';
import type { GpcContext } from './context.ts';
import { FHIR_JSON, wantsMinimal } from './negotiation.ts';
import { badRequest, GpcError, operationOutcome } from './outcome.ts';
import { versionIdText } from './resources.ts';
import { httpDate } from '../../common/london-time.ts';

export interface Versioned {
  version: number;
  lastUpdated: Date;
}

/** The opaque value inside the ETag: the versionId (a provider with a fault may use its update time instead). */
export function entityTag(v: Versioned, ctx: GpcContext): string {
  return ctx.fault('gpc-etag-not-version') ? String(v.lastUpdated.getTime()) : versionIdText(v.version, ctx);
}

export function etag(v: Versioned, ctx: GpcContext): string {
  return ctx.fault('gpc-strong-etag') ? `"${entityTag(v, ctx)}"` : `W/"${entityTag(v, ctx)}"`;
}

/** ETag and Last-Modified of a read, create or update; Last-Modified is meta.lastUpdated as an HTTP-date. */
export function versionHeaders(v: Versioned, ctx: GpcContext): Record<string, string> {
  const headers: Record<string, string> = { etag: etag(v, ctx) };
  if (ctx.fault('gpc-last-modified-iso')) headers['last-modified'] = v.lastUpdated.toISOString();
  else if (!ctx.fault('gpc-no-last-modified')) headers['last-modified'] = httpDate(v.lastUpdated);
  return headers;
}

/** 200/201 with the resource, or without a body when the consumer prefers a minimal return. */
export function resourceReply(status: number, resource: unknown, headers: Record<string, string>, call: { req: RefRequest; ctx: GpcContext }): Reply {
  return wantsMinimal(call.req, call.ctx) ? { status, headers } : { status, headers, body: resource };
}

/** The entity tag an If-Match header names: W/"3" (or a strong "3", which HAPI-based providers also take). */
export function ifMatchTag(req: RefRequest, ctx: GpcContext): string {
  const value = req.headers['if-match']?.trim();
  const missing = 'If-Match is required when amending or cancelling an appointment';
  // Liberty: FHIR's answer from a server that requires If-Match, 412 Precondition Failed.
  if (!value) throw ctx.liberty('gpc-missing-if-match-412') ? new GpcError('BAD_REQUEST', missing, 412) : badRequest(missing);
  const match = /^(?:W\/)?"([^"]+)"$/.exec(value);
  if (!match) throw badRequest(`If-Match ${value} is not an entity tag such as W/"1"`);
  return match[1]!;
}

/** JSON keys in reverse alphabetical order, resourceType first (liberty: JSON objects are unordered). */
function reorderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorderKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a === 'resourceType' ? -1 : b === 'resourceType' ? 1 : b.localeCompare(a)));
  return Object.fromEntries(entries.map(([k, v]) => [k, reorderKeys(v)]));
}

/** Headers a real provider's stack adds, put before the rest (liberty: other and reordered fields are allowed). */
function withExtraHeaders(headers: Record<string, string>): Record<string, string> {
  const extra = { 'x-request-id': 'ref-0001', vary: 'Accept, Accept-Encoding', 'strict-transport-security': 'max-age=31536000' };
  return Object.fromEntries([...Object.entries(extra), ...Object.entries(headers).reverse()]);
}

function withCommonHeaders(reply: Reply, isError: boolean, ctx: GpcContext): RefResponse {
  let headers: Record<string, string> = { ...reply.headers };
  const cacheControlDropped = ctx.fault('gpc-no-cache-control') || (isError && ctx.fault('gpc-no-cache-control-on-errors'));
  if (!cacheControlDropped) headers['cache-control'] = 'no-store';
  if (reply.body !== undefined) {
    const fhirJson = ctx.liberty('gpc-content-type-spelling') ? 'application/fhir+json;charset=UTF-8' : FHIR_JSON;
    headers['content-type'] = ctx.fault('gpc-wrong-content-type') ? 'application/json; charset=utf-8' : fhirJson;
  }
  if (ctx.liberty('gpc-extra-headers')) headers = withExtraHeaders(headers);
  const body = ctx.liberty('gpc-json-key-order') ? reorderKeys(reply.body) : reply.body;
  return { status: reply.status, headers, body };
}

export function finish(reply: Reply, ctx: GpcContext): RefResponse {
  return withCommonHeaders(reply, reply.status >= 400, ctx);
}

export function errorResponse(error: unknown, ctx: GpcContext): RefResponse {
  const gpc =
    error instanceof GpcError
      ? error
      : new GpcError('INTERNAL_SERVER_ERROR', `the reference provider failed: ${error instanceof Error ? error.message : String(error)}`);
  return withCommonHeaders({ status: gpc.status, body: operationOutcome(gpc.code, gpc.message, ctx) }, true, ctx);
}
