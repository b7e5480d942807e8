// Every e-RS fault is caught, and every e-RS scenario is proven by one (see lib/testing/fault-sweep.ts).
import { referencePack } from '../reference-target/ers/index.ts';
import { sweepFaults } from '../testing/fault-sweep.ts';

sweepFaults(referencePack);
