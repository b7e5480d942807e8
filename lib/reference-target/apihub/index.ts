// API Hub "Book an appointment" (seed 001) and the interactions its consumer sessions use (seed 004), served by
// three federated practices, each a GP Connect provider at its own base /apihub/<ODS>/fhir.
import type { PackModule } from '../types.ts';
import { apiHubEnv } from './context.ts';
import { APIHUB_FAULTS } from './faults.ts';
import { APIHUB_BASE_PATH, APIHUB_PACK_ID } from './fixtures.ts';
import { APIHUB_LIBERTIES } from './liberties.ts';
import { createApiHubHandler } from './pipeline.ts';
import { buildFederation } from './world.ts';

export const referencePack: PackModule = {
  packs: [{ id: APIHUB_PACK_ID, basePath: APIHUB_BASE_PATH, title: 'API Hub appointments: Book an appointment, at three federated practices' }],
  faults: APIHUB_FAULTS,
  liberties: APIHUB_LIBERTIES,
  create: (ctx) => createApiHubHandler(apiHubEnv(ctx, buildFederation(ctx))),
};

export { APIHUB_FIXTURES, APIHUB_PRACTICES } from './fixtures.ts';
