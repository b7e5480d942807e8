// Every CareConnect fault is caught, and every CareConnect scenario is proven by one (see lib/testing/fault-sweep.ts).
import { referencePack } from '../reference-target/careconnect/index.ts';
import { sweepFaults } from '../testing/fault-sweep.ts';

sweepFaults(referencePack);
