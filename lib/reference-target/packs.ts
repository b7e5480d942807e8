import type { PackModule } from './types.ts';
import { ersModule } from './ers/index.ts';
import { gpconnectPack } from './gpconnect/index.ts';

// Every spec pack the reference target serves. Add a module here to serve a new pack.
export const packModules: readonly PackModule[] = [ersModule, gpconnectPack];
