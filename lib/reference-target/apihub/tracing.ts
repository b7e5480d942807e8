// X-Request-Id and X-Correlation-Id (seed 001, headers): the client may send an X-Request-Id; the server uses
// it or assigns its own and returns it as X-Request-Id; when its own differs from the client's it SHOULD also
// return X-Correlation-Id with the client's original id.
import type { RefRequest, RefResponse } from '../types.ts';
import type { ApiHubEnv } from './context.ts';

function requestIdHeaders(req: RefRequest, isError: boolean, env: ApiHubEnv): Record<string, string> {
  if (env.fault('apihub-no-request-id')) return {};
  if (isError && env.fault('apihub-request-id-only-on-success')) return {};
  const client = req.headers['x-request-id']?.trim() || undefined;
  // The faithful provider keeps the client's id; a liberty (and a fault) assign their own.
  const forgetsCorrelation = env.fault('apihub-correlation-id-missing');
  const assignsOwn = client === undefined || env.liberty('apihub-own-request-id') || forgetsCorrelation;
  if (!assignsOwn) return { 'x-request-id': client };
  const own = env.nextRequestId();
  return { 'x-request-id': own, ...(client !== undefined && !forgetsCorrelation ? { 'x-correlation-id': client } : {}) };
}

/** Adds the request id headers, and drops ETag and Last-Modified where a liberty skips that SHOULD. */
export function withTracing(res: RefResponse, req: RefRequest, env: ApiHubEnv): RefResponse {
  const headers = { ...(res.headers ?? {}), ...requestIdHeaders(req, res.status >= 400, env) };
  if (env.liberty('apihub-no-etag-last-modified')) {
    delete headers.etag;
    delete headers['last-modified'];
  }
  return { ...res, headers };
}
