// What every API Hub interaction receives: the typed switches of this pack, the federation, and the GP Connect
// provider core each practice runs. The core's own switches are API Hub faults and liberties that are
// GP Connect behaviours (CORE_FAULTS, CORE_LIBERTIES): a provider that gets them wrong gets them wrong the
// GP Connect way, so the GP Connect code that already simulates the mistake is reused.
import type { PackContext, RefRequest } from '../types.ts';
import { switchesOf, type Switches } from '../shared/switches.ts';
import { gpcContext, type GpcContext } from '../gpconnect/context.ts';
import type { Call } from '../gpconnect/call.ts';
import type { GpcFault } from '../gpconnect/faults.ts';
import type { GpcLiberty } from '../gpconnect/liberties.ts';
import type { ApiHubFault } from './faults.ts';
import type { ApiHubLiberty } from './liberties.ts';
import type { Federation, Practice } from './world.ts';

export type ApiHubSwitches = Switches<ApiHubFault, ApiHubLiberty>;

export interface ApiHubEnv extends ApiHubSwitches {
  /** The GP Connect provider every practice runs, with the switches below turned on in it. */
  core: GpcContext;
  federation: Federation;
  /** Server-assigned X-Request-Id values: a counter, so a seeded run is repeatable. */
  nextRequestId(): string;
}

/** One request to one practice: the path and base URL are the practice's own. */
export interface ApiHubCall {
  env: ApiHubEnv;
  practice: Practice;
  req: RefRequest;
  params: string[];
}

const CORE_FAULTS = {
  'apihub-location-relative': 'gpc-location-relative',
  'apihub-location-without-history': 'gpc-location-without-history',
  'apihub-no-version-id': 'gpc-no-version-id',
  'apihub-double-booking': 'gpc-double-booking',
  'apihub-unknown-slot-500': 'gpc-unknown-slot-500',
  'apihub-slot-times-not-matched': 'gpc-slot-times-not-matched',
  'apihub-slot-not-freed-on-cancel': 'gpc-slot-not-freed-on-cancel',
  'apihub-read-unknown-as-400': 'gpc-read-unknown-as-400',
  'apihub-booked-slot-still-offered': 'gpc-busy-slots-offered',
  'apihub-stale-if-match-accepted': 'gpc-if-match-ignored',
  'apihub-version-not-incremented': 'gpc-version-not-incremented',
  'apihub-unknown-patient-404': 'gpc-unknown-patient-404',
  'apihub-register-duplicate-accepted': 'gpc-register-duplicate-accepted',
  'apihub-metadata-wrong-fhir-version': 'gpc-metadata-wrong-fhir-version',
} as const satisfies Partial<Record<ApiHubFault, GpcFault>>;

const CORE_LIBERTIES = {
  'apihub-opaque-ids': 'gpc-opaque-ids',
  'apihub-opaque-version-ids': 'gpc-opaque-version-ids',
  'apihub-bundle-order': 'gpc-bundle-order',
  'apihub-searchset-minimal': 'gpc-searchset-minimal',
} as const satisfies Partial<Record<ApiHubLiberty, GpcLiberty>>;

/** The core switches that the pack's switched-on names stand for. */
function switchedOn<K extends string, V>(table: Partial<Record<K, V>>, on: (name: K) => boolean): V[] {
  return (Object.entries(table) as Array<[K, V]>).filter(([name]) => on(name)).map(([, core]) => core);
}

export function apiHubEnv(ctx: PackContext, federation: Federation): ApiHubEnv {
  const switches = switchesOf<ApiHubFault, ApiHubLiberty>(ctx);
  const core = gpcContext({
    ...ctx,
    faults: new Set<string>(switchedOn(CORE_FAULTS, switches.fault)),
    liberties: new Set<string>(switchedOn(CORE_LIBERTIES, switches.liberty)),
  });
  let requests = 0;
  return { ...switches, core, federation, nextRequestId: () => `apihub-${String(++requests).padStart(8, '0')}` };
}

/** The same request as the GP Connect core's handlers take it. */
export function coreCall(call: ApiHubCall): Call {
  return { req: call.req, ctx: call.env.core, world: call.practice.world, params: call.params };
}
