// Content negotiation and the Prefer header. JSON is the SHALL format; XML is only a SHOULD in GP Connect, and
// this provider does not speak it, so an XML request is answered 415 like any other unsupported format.
import type { RefRequest } from '../types.ts';
import type { GpcContext } from './context.ts';
import { GpcError } from './outcome.ts';

type Format = 'json' | 'xml' | 'any' | 'other';

const JSON_TYPES = new Set(['application/fhir+json', 'application/json+fhir', 'application/json', 'json', 'text/json']);
const XML_TYPES = new Set(['application/fhir+xml', 'application/xml+fhir', 'application/xml', 'text/xml', 'xml']);
const WILDCARDS = new Set(['*/*', 'application/*']);

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function classify(mediaType: string): Format {
  const bare = mediaType.split(';')[0]!.trim().toLowerCase();
  if (JSON_TYPES.has(bare)) return 'json';
  if (XML_TYPES.has(bare)) return 'xml';
  return WILDCARDS.has(bare) ? 'any' : 'other';
}

/** One Accept header may list several types; it is satisfiable when any of them is JSON or a wildcard. */
function acceptable(accept: string): boolean {
  return accept.split(',').some((t) => ['json', 'any'].includes(classify(t)));
}

/** The Spine code table has no entry for 415 (in GP Connect the SSP usually answers it); BAD_REQUEST is the nearest. */
function unsupported(what: string): GpcError {
  return new GpcError('BAD_REQUEST', `${what} is not supported: this provider answers application/fhir+json only`, 415);
}

export function checkFormats(req: RefRequest, ctx: GpcContext): void {
  if (ctx.fault('gpc-unsupported-format-accepted')) return;
  checkResponseFormat(req, ctx);
  checkRequestBodyType(req);
}

/** The response format comes from _format, else Accept, else the request's Content-Type; JSON when none is given. */
function checkResponseFormat(req: RefRequest, ctx: GpcContext): void {
  const format = ctx.fault('gpc-format-ignored') ? null : req.query.get('_format');
  const requested = format ?? req.headers.accept ?? req.headers['content-type'];
  if (requested !== undefined && requested.trim() !== '' && !acceptable(requested)) {
    throw unsupported(`the requested format ${requested}`);
  }
}

/** A create or update body must say it is FHIR JSON. */
function checkRequestBodyType(req: RefRequest): void {
  if (req.method !== 'POST' && req.method !== 'PUT') return;
  const type = req.headers['content-type'];
  if (type === undefined || classify(type) !== 'json') throw unsupported(`the request Content-Type ${type ?? '(none)'}`);
}

/** `Prefer: return=minimal` asks for no body; representation is the default. */
export function wantsMinimal(req: RefRequest, ctx: GpcContext): boolean {
  if (ctx.fault('gpc-prefer-ignored')) return false;
  return /(^|[,;\s])return\s*=\s*minimal\b/i.test(req.headers.prefer ?? '');
}
