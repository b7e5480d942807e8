// GP Connect Appointment Management 1.2: a faithful in-memory provider and its catalogue of faults.
import type { PackModule } from '../types.ts';
import { GPC_FAULTS } from './faults.ts';
import { GPC_LIBERTIES } from './liberties.ts';
import { GPC_BASE_PATH, GPC_PACK_ID } from './fixtures.ts';
import { createGpcHandler } from './pipeline.ts';

export const gpconnectPack: PackModule = {
  packs: [{ id: GPC_PACK_ID, basePath: GPC_BASE_PATH, title: 'GP Connect Appointment Management 1.2' }],
  faults: GPC_FAULTS,
  liberties: GPC_LIBERTIES,
  create: createGpcHandler,
};

export { GPC_FIXTURES } from './fixtures.ts';

/** The name every pack's index.ts gives its module (contract.test.ts). */
export const referencePack = gpconnectPack;
