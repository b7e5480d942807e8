// Spine Security Proxy headers every GP Connect request carries, and the interaction they name.
import type { RefRequest } from '../types.ts';
import type { GpcContext } from './context.ts';
import type { GpcRoute } from './routes.ts';
import { GPC_FIXTURES } from './fixtures.ts';
import { badRequest } from './outcome.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function header(req: RefRequest, name: string): string | undefined {
  const value = req.headers[name]?.trim();
  return value === '' ? undefined : value;
}

function requireHeader(req: RefRequest, name: string, display: string): string {
  const value = header(req, name);
  if (value === undefined) throw badRequest(`the ${display} header is required`);
  return value;
}

export function checkSspHeaders(req: RefRequest, ctx: GpcContext): void {
  if (ctx.fault('gpc-ssp-headers-not-checked')) return;
  const traceId = requireHeader(req, 'ssp-traceid', 'Ssp-TraceID');
  if (!GUID.test(traceId)) throw badRequest('Ssp-TraceID must be a GUID');
  requireHeader(req, 'ssp-from', 'Ssp-From');
  const to = requireHeader(req, 'ssp-to', 'Ssp-To');
  if (to !== GPC_FIXTURES.providerAsid && !ctx.fault('gpc-ssp-to-not-checked')) {
    throw badRequest(`Ssp-To ${to} is not this provider's ASID`);
  }
  requireHeader(req, 'ssp-interactionid', 'Ssp-InteractionID');
}

/**
 * The interaction named by Ssp-InteractionID must be the one the verb and URL perform. The faults that skip this
 * fall back to routing by verb and URL alone, as a provider that ignores the header would.
 */
export function resolveInteraction(req: RefRequest, table: readonly GpcRoute[], ctx: GpcContext): GpcRoute {
  const byUrl = table.filter((i) => i.method === req.method && i.path.test(req.path));
  const declared = table.find((i) => i.id === header(req, 'ssp-interactionid'));
  const routeByUrl =
    ctx.fault('gpc-interaction-id-not-matched') || (ctx.fault('gpc-ssp-headers-not-checked') && !declared);
  if (routeByUrl) {
    const chosen = byUrl.find((i) => i === declared) ?? byUrl[0];
    if (chosen) return chosen;
  }
  if (!declared) throw badRequest(`Ssp-InteractionID ${JSON.stringify(header(req, 'ssp-interactionid') ?? '')} is not a GP Connect appointment management interaction`);
  if (!byUrl.includes(declared)) {
    throw badRequest(`Ssp-InteractionID ${declared.id} does not match ${req.method} ${req.path}`);
  }
  return declared;
}
