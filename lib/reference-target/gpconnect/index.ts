// GP Connect Appointment Management 1.2: a faithful in-memory provider and its catalogue of faults.
import type { PackModule } from '../types.ts';
import { gpcContext } from './context.ts';
import { GPC_FAULTS } from './faults.ts';
import { GPC_LIBERTIES } from './liberties.ts';
import { GPC_BASE_PATH, GPC_PACK_ID } from './fixtures.ts';
import { createGpcHandler } from './pipeline.ts';

export const referencePack: PackModule = {
  packs: [{ id: GPC_PACK_ID, basePath: GPC_BASE_PATH, title: 'GP Connect Appointment Management 1.2' }],
  faults: GPC_FAULTS,
  liberties: GPC_LIBERTIES,
  // The typed switches are made once, here; every check of the pack is handed them with the context.
  create: (ctx) => createGpcHandler(gpcContext(ctx)),
};

export { GPC_FIXTURES } from './fixtures.ts';
