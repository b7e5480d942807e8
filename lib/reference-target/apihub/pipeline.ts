// One request through the federation: the practice named in the path, the route, the JWT, the formats, then
// the interaction; every failure becomes an OperationOutcome with the API Hub status, and every answer carries
// the request id headers.
import type { PackHandler, RefRequest, RefResponse } from '../types.ts';
import { matchRoute } from '../shared/router.ts';
import { checkFormats } from '../gpconnect/negotiation.ts';
import { finish } from '../gpconnect/reply.ts';
import type { ApiHubEnv, ApiHubCall } from './context.ts';
import { checkIdentity } from './identity.ts';
import { errorResponse } from './outcome.ts';
import { ROUTES, type RouteName } from './routes.ts';
import { withTracing } from './tracing.ts';

const PRACTICE_PATH = /^\/([A-Z0-9]{3,10})\/fhir(\/.*)?$/;

function plain(status: number, text: string, headers: Record<string, string> = {}): RefResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}

async function answer(env: ApiHubEnv, req: RefRequest): Promise<RefResponse> {
  const where = PRACTICE_PATH.exec(req.path);
  const practice = where ? env.federation.get(where[1]!) : undefined;
  if (!where || !practice) return plain(404, `no practice is served at ${req.path}; practices: ${[...env.federation.keys()].join(', ')}`);
  // From here on the practice is the FHIR server: its own base URL and paths below it.
  const own: RefRequest = { ...req, path: where[2] ?? '/', baseUrl: `${req.baseUrl}/${practice.def.ods}/fhir` };
  const match = matchRoute(ROUTES, own.method, own.path);
  if (match.kind === 'no-such-path') return plain(404, `no API Hub interaction at ${own.path}`);
  if (match.kind === 'wrong-method') return plain(405, `${own.method} is not allowed on ${own.path}`, { allow: match.allow.join(', ') });
  const route: RouteName = match.route.name;
  try {
    checkIdentity(own, match.route.scope, env);
    checkFormats(own, env.core);
    const call: ApiHubCall = { env, practice, req: own, params: match.params };
    return finish(await match.route.run(call), env.core);
  } catch (error) {
    return errorResponse(error, route, env);
  }
}

export function createApiHubHandler(env: ApiHubEnv): PackHandler {
  return { handle: async (req) => withTracing(await answer(env, req), req, env) };
}
