// The embedded reference target as the rest of the tool sees it: its catalogue of faults and
// liberties, and serving it on a port (booking-conformance serve). Only targets/ reaches into
// lib/reference-target/.

import { allFaults, allLiberties, startReferenceTarget, type ReferenceOptions, type RunningReference } from '../reference-target/server.ts';
import { packModules } from '../reference-target/packs.ts';
import type { FaultDef, LibertyDef } from '../reference-target/types.ts';

export type { FaultDef, LibertyDef, RunningReference };

export interface Catalogue {
  faults: FaultDef[];
  liberties: LibertyDef[];
}

export function referenceCatalogue(): Catalogue {
  return { faults: allFaults(), liberties: allLiberties() };
}

export function serveReference(opts: Omit<ReferenceOptions, 'modules'>): Promise<RunningReference> {
  return startReferenceTarget(opts);
}

/** Every pack served by the module that declares this fault or liberty (a liberty's run covers its whole module). */
export function modulePacksOf(name: string): string[] {
  const module = packModules.find((m) => m.faults.some((f) => f.name === name) || m.liberties.some((l) => l.name === name));
  return module ? module.packs.map((p) => p.id) : [];
}
