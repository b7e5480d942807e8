// CareConnect "Book an Appointment" (seed 002, STU3): a faithful in-memory provider and its catalogue of faults.
import { matchRoute } from '../shared/router.ts';
import type { PackModule, RefRequest, RefResponse } from '../types.ts';
import { ccContext, type CcContext } from './context.ts';
import { CC_FAULTS } from './faults.ts';
import { CC_BASE_PATH, CC_PACK_ID } from './fixtures.ts';
import { errorReply, textReply } from './http.ts';
import { checkJwt } from './jwt.ts';
import { CC_LIBERTIES } from './liberties.ts';
import { ROUTES } from './routes.ts';
import { buildWorld, type CcWorld } from './world.ts';

export { CC_FIXTURES } from './fixtures.ts';

function handle(req: RefRequest, world: CcWorld, ctx: CcContext): RefResponse {
  const match = matchRoute(ROUTES, req.method, req.path);
  if (match.kind === 'no-such-path') return textReply(404, `no CareConnect endpoint at ${req.path}`);
  if (match.kind === 'wrong-method') return textReply(405, `${req.method} is not allowed on ${req.path}`, { allow: match.allow.join(', ') });
  try {
    checkJwt(req, ctx);
    return match.route.run({ req, ctx, world, params: match.params });
  } catch (error) {
    return errorReply(error, ctx);
  }
}

export const referencePack: PackModule = {
  packs: [{ id: CC_PACK_ID, basePath: CC_BASE_PATH, title: 'CareConnect Book an Appointment (STU3)' }],
  faults: CC_FAULTS,
  liberties: CC_LIBERTIES,
  create(pack) {
    const ctx = ccContext(pack);
    const world = buildWorld(ctx);
    return { handle: (req) => handle(req, world, ctx) };
  },
};
