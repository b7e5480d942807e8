// Each pack module by the pack ids it serves, imported only when a run asks for one of them: a run
// that addresses one pack neither imports nor builds the others (its start-up time). packs.ts, which
// imports every module, stays the catalogue; contract.test.ts holds the two lists to the same packs.
import type { PackModule } from './types.ts';

interface LazyPack {
  ids: readonly string[];
  load(): Promise<PackModule>;
}

export const lazyPacks: readonly LazyPack[] = [
  { ids: ['ers-a016', 'ers-a016-apim', 'ers-bookdirect'], load: async () => (await import('./ers/index.ts')).referencePack },
  { ids: ['gpconnect-1.2'], load: async () => (await import('./gpconnect/index.ts')).referencePack },
  { ids: ['apihub-appointments'], load: async () => (await import('./apihub/index.ts')).referencePack },
  { ids: ['careconnect-appointment'], load: async () => (await import('./careconnect/index.ts')).referencePack },
  { ids: ['fhir-rest-booking'], load: async () => (await import('./fhir-rest/index.ts')).referencePack },
];

/**
 * The modules serving these pack ids (every module without a set), in catalogue order; an id no module
 * serves is left to the router's 404.
 */
export function modulesServing(packIds?: ReadonlySet<string>): Promise<PackModule[]> {
  return Promise.all(lazyPacks.filter((p) => !packIds || p.ids.some((id) => packIds.has(id))).map((p) => p.load()));
}
