// The e-RS pack module: three generations of the e-Referral Service booking API over one shared world,
// so a referral booked through the alpha $ers.bookdirect shows as booked on the legacy A005.

import type { PackModule, RefRequest, RefResponse } from '../types.ts';
import { handleA005 } from './a005.ts';
import { handleA015 } from './a015.ts';
import { handleA016 } from './a016.ts';
import { handleA038 } from './a038.ts';
import { handleBookDirect } from './bookdirect.ts';
import { makeEnv, type ErsEnv } from './env.ts';
import { ERS_FAULTS } from './faults.ts';
import { ERS_LIBERTIES } from './liberties.ts';
import { notAcceptable, plainResponse, withTracingHeaders } from './http.ts';
import { OutcomeError, outcomeResponse, type Generation, type Interaction } from './outcome.ts';
import { SimulatedPas } from './pas.ts';
import { buildWorld } from './world.ts';
import { ersFixtures } from './fixtures.ts';

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

interface Route {
  interaction: Interaction;
  method: string;
  run(): Promise<RefResponse> | RefResponse;
}

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

async function answer(env: ErsEnv, gen: Generation, req: RefRequest): Promise<RefResponse> {
  const route = routeFor(env, gen, req);
  if (!route) return plainResponse(404, `no e-RS ${gen} endpoint at ${req.path}`);
  if (route.method !== req.method) {
    const refused = plainResponse(405, `${req.method} is not allowed on ${req.path}`);
    return { ...refused, headers: { ...refused.headers, Allow: route.method } };
  }
  const refused = notAcceptable(env, req);
  if (refused) return refused;
  try {
    return await route.run();
  } catch (err) {
    if (err instanceof OutcomeError) return outcomeResponse(env, gen, route.interaction, err);
    throw err;
  }
}

function routeFor(env: ErsEnv, gen: Generation, req: RefRequest): Route | undefined {
  const seg = req.path.split('/').filter((s) => s !== '');
  const [first, id, third, version] = seg;
  if (gen === 'G0') {
    if (seg.length === 3 && first === 'ReferralRequest' && id && third === '$ers.bookdirect') {
      return { interaction: 'bookdirect', method: 'POST', run: () => handleBookDirect(env, req, id) };
    }
    return undefined;
  }
  if (seg.length === 1 && first === 'Slot') return { interaction: 'A015', method: 'GET', run: () => handleA015(env, gen, req) };
  if (seg.length === 1 && first === 'Appointment') return { interaction: 'A016', method: 'POST', run: () => handleA016(env, gen, req) };
  const history = seg.length === 4 && third === '_history' ? version : undefined;
  if (!id || (seg.length !== 2 && history === undefined)) return undefined;
  if (first === 'ReferralRequest') return { interaction: 'A005', method: 'GET', run: () => handleA005(env, gen, req, id, history) };
  // A038 belongs to the API platform only.
  if (first === 'Appointment' && gen === 'G2') return { interaction: 'A038', method: 'GET', run: () => handleA038(env, gen, req, id, history) };
  return undefined;
}

/** Old name, kept while callers move to referencePack. */
export const ersModule = referencePack;
