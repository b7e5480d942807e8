// Which FHIR version a target pack entry speaks. A pack written for several versions (pack.yaml
// fhirVersion: [stu3, r4]) cannot guess: every entry of it names one, and only one its pack is written
// for. A single-version pack's entry may name its version, never another.

import type { InputError } from '../diagnostics/input-error.ts';
import type { PackDef } from '../model/pack.ts';
import { packOfEntry } from '../model/pack-entry.ts';
import type { TargetsFile } from './load.ts';

/** Why an entry's fhirVersion does not fit its pack, or undefined when it does. */
export function fhirVersionMismatch(pack: PackDef, chosen: string | undefined): string | undefined {
  const versions = pack.fhirVersions ?? [pack.fhirVersion];
  if (chosen === undefined) {
    return versions.length > 1 ? `pack ${pack.id} is written for FHIR ${versions.join(' and ')}: say which this endpoint speaks (fhirVersion: ${versions.join(' or ')})` : undefined;
  }
  if (versions.includes(chosen as PackDef['fhirVersion'])) return undefined;
  return `pack ${pack.id} is written for FHIR ${versions.join(' and ')}, not ${chosen}`;
}

/** An entry of a multi-version pack without fhirVersion (at the entry), or with one its pack lacks (at fhirVersion). */
export function fhirVersionErrors(tf: TargetsFile, targetNames: readonly string[], packs: ReadonlyMap<string, PackDef>): InputError[] {
  const targets = (tf.src.value as { targets?: Record<string, { packs?: Record<string, { fhirVersion?: string }> }> }).targets ?? {};
  const errors: InputError[] = [];
  for (const name of targetNames) {
    for (const [id, entry] of Object.entries(targets[name]?.packs ?? {})) {
      const pack = packs.get(packOfEntry(id));
      if (!pack) continue;
      const mismatch = fhirVersionMismatch(pack, entry?.fhirVersion);
      if (!mismatch) continue;
      const at = entry?.fhirVersion === undefined ? ['targets', name, 'packs', id] : ['targets', name, 'packs', id, 'fhirVersion'];
      errors.push(tf.src.error(at, `target '${name}': ${mismatch}`, { key: entry?.fhirVersion === undefined }));
    }
  }
  return errors;
}
