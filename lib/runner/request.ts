// Builds the concrete HTTP request of a step: placeholders filled, body patched, identity
// headers added. Header precedence: pack defaults < target < target pack < auth < step.

import type { AccessTokens } from '../auth/access-tokens.ts';
import { requestAuthHeaders } from '../auth/headers.ts';
import type { HttpRequest } from '../model/result.ts';
import type { PackDef } from '../model/pack.ts';
import type { RequestSpec } from '../model/suite.ts';
import type { TargetPack } from '../model/target.ts';
import { MissingCapturedValue, type EvalScope } from '../template/expressions.ts';
import { interpolate, interpolateToString } from '../template/interpolate.ts';
import { PathNotFoundError, removeAt, setAt } from '../common/body-path.ts';

export interface BuiltRequest {
  http: HttpRequest;
  /** Secrets this request carries (its JWT, session key), to redact from its record. */
  secrets: string[];
  /** The endpoint it addresses: the pack's base, or the federated practice's its URL is under (Location is judged against it). */
  endpoint: string;
}

function setHeader(headers: Record<string, string>, name: string, value: string | null): void {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
  if (value !== null) headers[name] = value;
}

function buildUrl(spec: RequestSpec, base: string, scope: EvalScope): string {
  const path = interpolateToString(spec.path, scope);
  const url = new URL(/^https?:\/\//i.test(path) ? path : base + (path.startsWith('/') ? path : '/' + path));
  for (const [k, v] of spec.query) url.searchParams.append(k, interpolateToString(v, scope));
  return url.toString();
}

function buildBody(spec: RequestSpec, scope: EvalScope): { text?: string; contentType?: string } {
  const body = spec.body;
  if (body.kind === 'none') return {};
  if (body.kind === 'raw') return { text: interpolateToString(body.text, scope), ...(body.contentType ? { contentType: body.contentType } : {}) };
  // No structuredClone first: interpolate builds new arrays and objects all the way down (and clones a
  // captured value it embeds), so the patches below never touch the suite's body or a captured value.
  const value = interpolate(body.value, scope);
  // A body that is a captured resource (json: "${appointment}") lacking a patched element lacks it
  // because the target left it out: the target's failure, not the suite's.
  const captured = typeof body.value === 'string';
  for (const change of body.patch) {
    try {
      if (change.op === 'remove') removeAt(value, change.path);
      else setAt(value, change.path, interpolate(change.value, scope));
    } catch (err) {
      if (captured && err instanceof PathNotFoundError) throw new MissingCapturedValue(`the resource the target returned has ${err.message}`);
      throw err;
    }
  }
  return { text: JSON.stringify(value), contentType: 'application/fhir+json' };
}

/** The endpoint a URL addresses: the federated practice whose base it is under, else the pack's base (the JWT's aud). */
function endpointOf(url: string, tp: TargetPack): string {
  const practice = tp.practices?.find((p) => url === p.base || url.startsWith(p.base + '/') || url.startsWith(p.base + '?'));
  return practice?.base ?? tp.base;
}

/** Asynchronous for the auth kinds that fetch an access token (from the run's `tokens`, per target pack). */
export async function buildRequest(spec: RequestSpec, pack: PackDef, targetHeaders: Record<string, string>, tp: TargetPack, scope: EvalScope, tokens: AccessTokens): Promise<BuiltRequest> {
  const url = buildUrl(spec, tp.base, scope);
  const endpoint = endpointOf(url, tp);
  const body = buildBody(spec, scope);
  const headers: Record<string, string> = {};
  // The body's own type first, so a pack's, target's or step's Content-Type overrides it.
  if (body.contentType) setHeader(headers, 'Content-Type', body.contentType);
  const layers = [pack.defaultHeaders, targetHeaders, tp.headers];
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) setHeader(headers, k, v);
  if (body.text === undefined) setHeader(headers, 'Content-Type', null);
  // JWT times come from the request's own clock: a token is made per request and lives 300 s.
  const requestScope: EvalScope = { ...scope, clock: new Date() };
  const jwt = spec.jwt
    ? {
        omit: spec.jwt.omit,
        ...(spec.jwt.raw !== undefined ? { raw: interpolateToString(spec.jwt.raw, requestScope) } : {}),
        remove: spec.jwt.remove,
        set: spec.jwt.set.map(([p, v]): [string, unknown] => [p, interpolate(v, requestScope)]),
        ...(spec.jwt.header ? { header: interpolate(spec.jwt.header, requestScope) as Record<string, unknown> } : {}),
      }
    : undefined;
  const auth = await requestAuthHeaders(
    {
      pack,
      auth: tp.auth,
      base: endpoint,
      ...(spec.interaction ? { interaction: spec.interaction } : {}),
      ...(jwt ? { jwt } : {}),
      nowS: Math.floor(requestScope.clock.getTime() / 1000),
    },
    tokens,
  );
  for (const [k, v] of Object.entries(auth.headers)) setHeader(headers, k, v);
  for (const [k, v] of spec.headers) setHeader(headers, k, v === null ? null : interpolateToString(v, scope));
  return {
    http: { method: spec.method, url, headers, ...(body.text !== undefined ? { body: body.text } : {}) },
    secrets: auth.secrets,
    endpoint,
  };
}
