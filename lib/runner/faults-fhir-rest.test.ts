// Every fhir-rest-booking fault is caught, and every scenario (each release's instance) is proven by one (see lib/testing/fault-sweep.ts).
import { referencePack } from '../reference-target/fhir-rest/index.ts';
import { sweepFaults } from '../testing/fault-sweep.ts';

sweepFaults(referencePack);
