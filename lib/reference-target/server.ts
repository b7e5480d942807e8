// The reference target with its whole catalogue of pack modules (packs.ts): what tests, the sweeps
// and `serve` start. The server itself is http-server.ts.
import { startReferenceServer, type ReferenceOptions, type RunningReference } from './http-server.ts';
import { packModules } from './packs.ts';
import type { FaultDef, LibertyDef, PackModule } from './types.ts';

export { FIXTURES_PATH, startReferenceServer, type ReferenceOptions, type RunningReference } from './http-server.ts';
export { UnknownFaultError } from './errors.ts';

export function allFaults(modules: readonly PackModule[] = packModules): FaultDef[] {
  return modules.flatMap((m) => [...m.faults]);
}

export function allLiberties(modules: readonly PackModule[] = packModules): LibertyDef[] {
  return modules.flatMap((m) => [...m.liberties]);
}

export function startReferenceTarget(opts: ReferenceOptions = {}): Promise<RunningReference> {
  const { modules, ...rest } = opts;
  return startReferenceServer(modules ?? packModules, rest);
}
