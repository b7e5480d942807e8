// fhir-rest-booking: a plain FHIR server (no national profile or vocabulary) serving the booking
// interactions of the RESTful API, once per release: STU3 at /fhir-rest/stu3, R4 at /fhir-rest/r4.
import type { PackModule } from '../types.ts';
import { fhirRestEnv } from './context.ts';
import { FHIR_REST_FAULTS } from './faults.ts';
import { FHIR_REST_LIBERTIES } from './liberties.ts';
import { createFhirRestHandler } from './pipeline.ts';
import { buildWorlds } from './world.ts';

export const FHIR_REST_PACK_ID = 'fhir-rest-booking';
export const FHIR_REST_BASE_PATH = '/fhir-rest';

export const referencePack: PackModule = {
  packs: [{ id: FHIR_REST_PACK_ID, basePath: FHIR_REST_BASE_PATH, title: 'FHIR RESTful booking (STU3 and R4): any FHIR server' }],
  faults: FHIR_REST_FAULTS,
  liberties: FHIR_REST_LIBERTIES,
  create: (ctx) => createFhirRestHandler(fhirRestEnv(ctx, buildWorlds(ctx))),
};

export { FHIR_REST_FIXTURES } from './world.ts';
