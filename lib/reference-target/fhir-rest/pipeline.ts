// One request: the release named by the first path segment chooses the world, the route table the
// interaction; every failure becomes a plain FHIR error (status + OperationOutcome).
import type { PackHandler, RefRequest, RefResponse, Reply } from '../types.ts';
import { matchRoute } from '../shared/router.ts';
import type { FhirRestCall, FhirRestEnv } from './context.ts';
import { errorReply, FhirError } from './outcome.ts';
import { ROUTES } from './routes.ts';
import { RELEASES, releaseOf } from './versions.ts';

const RELEASE_PATH = /^\/([a-z0-9]+)(\/.*)?$/;

function answer(env: FhirRestEnv, req: RefRequest): Reply {
  const where = RELEASE_PATH.exec(req.path);
  const release = releaseOf(where?.[1]);
  if (!where || !release) return errorReply(new FhirError(404, 'not-found', `no FHIR endpoint at ${req.path}; releases: ${RELEASES.map((r) => `/${r}`).join(', ')}`));
  // From here on the release's endpoint is the FHIR server: its own base URL and paths below it.
  const own: RefRequest = { ...req, path: where[2] ?? '/', baseUrl: `${req.baseUrl}/${release}` };
  const match = matchRoute(ROUTES, own.method, own.path);
  if (match.kind === 'no-such-path') return errorReply(new FhirError(404, 'not-found', `no interaction at ${own.path}`));
  if (match.kind === 'wrong-method') return errorReply(new FhirError(405, 'not-supported', `${own.method} is not supported on ${own.path}`, { allow: match.allow.join(', ') }));
  const call: FhirRestCall = { env, world: env.worlds.get(release)!, req: own, params: match.params };
  try {
    return match.route.run(call);
  } catch (error) {
    if (error instanceof FhirError) return errorReply(error);
    throw error;
  }
}

export function createFhirRestHandler(env: FhirRestEnv): PackHandler {
  return {
    handle: (req): RefResponse => {
      const reply = answer(env, req);
      return { status: reply.status, headers: reply.headers ?? {}, ...(reply.body !== undefined ? { body: reply.body } : {}) };
    },
  };
}
