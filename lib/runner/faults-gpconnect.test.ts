// Every GP Connect fault is caught, and every GP Connect scenario is proven by one (see lib/testing/fault-sweep.ts).
import { referencePack } from '../reference-target/gpconnect/index.ts';
import { sweepFaults } from '../testing/fault-sweep.ts';

sweepFaults(referencePack);
