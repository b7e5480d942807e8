// Every API Hub fault is caught, and every API Hub scenario is proven by one (see lib/testing/fault-sweep.ts).
import { referencePack } from '../reference-target/apihub/index.ts';
import { sweepFaults } from '../testing/fault-sweep.ts';

sweepFaults(referencePack);
