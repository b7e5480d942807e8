// The e-RS pack module: three generations of the e-Referral Service booking API over one shared world,
// so a referral booked through the alpha $ers.bookdirect shows as booked on the legacy A005.

import { matchRoute } from '../shared/router.ts';
import type { PackModule, RefRequest, RefResponse } from '../types.ts';
import { makeEnv, type ErsEnv } from './env.ts';
import { ERS_FAULTS } from './faults.ts';
import { ersFixtures } from './fixtures.ts';
import { notAcceptable, plainResponse, withTracingHeaders } from './http.ts';
import { ERS_LIBERTIES } from './liberties.ts';
import { OutcomeError, outcomeResponse, type Generation } from './outcome.ts';
import { SimulatedPas } from './pas.ts';
import { routesOf, type ErsRoute } from './routes.ts';
import { buildWorld } from './world.ts';

export { ersFixtures, ersReferralPool, poolUbrn } from './fixtures.ts';

/** How many slots the busiest clinic keeps under the ers-few-free-slots liberty. */
const FEW_FREE_SLOTS = 5;

const PACKS = [
  { id: 'ers-a016', basePath: '/ers-api/STU3/v1', title: 'e-RS legacy xAPI STU3 (G1): A005, A015, A016 book/defer' },
  { id: 'ers-a016-apim', basePath: '/referrals/FHIR/STU3', title: 'e-RS FHIR API on the API platform (G2): A005, A015, A016, A038' },
  { id: 'ers-bookdirect', basePath: '/ers-api/v1', title: 'e-RS alpha (G0): $ers.bookdirect' },
] as const;

const GENERATION: Readonly<Record<string, Generation>> = {
  'ers-a016': 'G1',
  'ers-a016-apim': 'G2',
  'ers-bookdirect': 'G0',
};

const ROUTES_OF: Readonly<Record<Generation, readonly ErsRoute[]>> = { G0: routesOf('G0'), G1: routesOf('G1'), G2: routesOf('G2') };

export const referencePack: PackModule = {
  packs: PACKS,
  faults: ERS_FAULTS,
  liberties: ERS_LIBERTIES,
  create(ctx) {
    const env = makeEnv(ctx, buildWorld(ctx.seed, ctx.now()), SimulatedPas.fromOptions(ctx.options));
    if (env.liberty('ers-few-free-slots')) env.world.keepFirstSlots(ersFixtures.services.directlyBookable, FEW_FREE_SLOTS);
    if (env.liberty('ers-slot-times-utc')) env.world.showTimesInUtc();
    return { handle: (req) => handle(env, req) };
  },
};

async function handle(env: ErsEnv, req: RefRequest): Promise<RefResponse> {
  const gen = GENERATION[req.pack];
  if (!gen) return plainResponse(404, `pack ${req.pack} is not served by the e-RS module`);
  return withTracingHeaders(env, gen, req, await answer(env, gen, req));
}

/** Route, refuse what no route takes, and turn an OutcomeError into this generation's status and outcome. */
async function answer(env: ErsEnv, gen: Generation, req: RefRequest): Promise<RefResponse> {
  const match = matchRoute(ROUTES_OF[gen], req.method, segmentsOnly(req.path));
  if (match.kind === 'no-such-path') return plainResponse(404, `no e-RS ${gen} endpoint at ${req.path}`);
  if (match.kind === 'wrong-method') {
    const refused = plainResponse(405, `${req.method} is not allowed on ${req.path}`);
    return { ...refused, headers: { ...refused.headers, Allow: match.allow.join(', ') } };
  }
  const refused = notAcceptable(env, req);
  if (refused) return refused;
  try {
    return await match.route.run({ env, gen, req, params: match.params });
  } catch (err) {
    if (err instanceof OutcomeError) return outcomeResponse(env, gen, match.route.interaction, err);
    throw err;
  }
}

/** The path with empty segments dropped, so /Slot/ and //Slot are still the slot search. */
function segmentsOnly(path: string): string {
  return `/${path.split('/').filter((s) => s !== '').join('/')}`;
}
