// The packs and suites as one target runs them. A target entry keyed `<pack>@<label>` is another
// instance of its pack on the same target (another endpoint: the reference target serves
// fhir-rest-booking once per FHIR version): its suites run again as a pack of that name, their
// scenario ids ending in @<label>. Each entry's pack takes the FHIR version the entry chose, so its
// FHIRPath, captures and profile checks read the target's version.

import type { Workspace } from '../loader/workspace.ts';
import type { PackDef } from '../model/pack.ts';
import { packOfEntry, scenarioIdFor } from '../model/pack-entry.ts';
import type { Scenario, Suite } from '../model/suite.ts';
import type { Target } from '../model/target.ts';

/** Every pack by the name the run addresses it under: the workspace's, and each target entry's in the entry's FHIR version. */
export function packsOfTarget(packs: ReadonlyMap<string, PackDef>, target: Target): Map<string, PackDef> {
  const out = new Map(packs);
  for (const [entry, tp] of Object.entries(target.packs)) {
    const pack = packs.get(packOfEntry(entry));
    if (pack) out.set(entry, { ...pack, id: entry, ...(tp.fhirVersion ? { fhirVersion: tp.fhirVersion } : {}) });
  }
  return out;
}

/** The suites the target runs, in the workspace's order: each suite of an entry's pack, then its instances. */
export function suitesOfTarget(workspace: Workspace, target: Target): Suite[] {
  const entries = Object.keys(target.packs);
  return workspace.suites.flatMap((suite) => entries.filter((e) => packOfEntry(e) === suite.pack).map((e) => (e === suite.pack ? suite : instanceOf(suite, e))));
}

const instances = new WeakMap<Suite, Map<string, Suite>>();

/** A suite as an instance entry runs it (made once per suite and entry, so two selections agree). */
function instanceOf(suite: Suite, entry: string): Suite {
  const made = instances.get(suite) ?? new Map<string, Suite>();
  instances.set(suite, made);
  let instance = made.get(entry);
  if (!instance) {
    instance = { ...suite, pack: entry, scenarios: suite.scenarios.map((sc) => instanceScenario(sc, suite.pack, entry)) };
    made.set(entry, instance);
  }
  return instance;
}

function instanceScenario(sc: Scenario, pack: string, entry: string): Scenario {
  const rename = (p: string) => (p === pack ? entry : p);
  return {
    ...sc,
    id: scenarioIdFor(sc.id, entry),
    packs: sc.packs.map(rename),
    steps: sc.steps.map((step) => (step.request.pack === pack ? { ...step, request: { ...step.request, pack: entry } } : step)),
  };
}
