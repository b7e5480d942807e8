// What every interaction receives: the pack's typed switches, the world of the release the request
// addressed, the request as seen below that release's base, and the route's params.
import type { PackContext, RefRequest } from '../types.ts';
import { switchesOf, type Switches } from '../shared/switches.ts';
import type { FhirRestFault } from './faults.ts';
import type { FhirRestLiberty } from './liberties.ts';
import type { FhirRestWorlds, FhirServerWorld } from './world.ts';

export interface FhirRestEnv extends Switches<FhirRestFault, FhirRestLiberty> {
  worlds: FhirRestWorlds;
  now(): Date;
}

export interface FhirRestCall {
  env: FhirRestEnv;
  world: FhirServerWorld;
  /** Path below the release's base; baseUrl is the release's own ([origin]/fhir-rest/r4). */
  req: RefRequest;
  params: string[];
}

export function fhirRestEnv(ctx: PackContext, worlds: FhirRestWorlds): FhirRestEnv {
  return { ...switchesOf<FhirRestFault, FhirRestLiberty>(ctx), worlds, now: ctx.now };
}
