import type { PackModule } from './types.ts';
import { referencePack as apihub } from './apihub/index.ts';
import { referencePack as careconnect } from './careconnect/index.ts';
import { referencePack as ers } from './ers/index.ts';
import { referencePack as fhirRest } from './fhir-rest/index.ts';
import { referencePack as gpconnect } from './gpconnect/index.ts';

// Every spec pack the reference target serves. Add a module here to serve a new pack.
export const packModules: readonly PackModule[] = [ers, gpconnect, apihub, careconnect, fhirRest];
