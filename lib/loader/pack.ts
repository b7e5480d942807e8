import { join } from 'node:path';
import type { PackDef } from '../model/pack.ts';
import { SchemaChecker } from '../diagnostics/schema-checker.ts';
import { InputErrors, YamlSource } from '../diagnostics/input-error.ts';

/** pack.yaml may list several accepted systems or issue types where the sources disagree; the first is the primary one. */
interface RawOutcome {
  profile?: string;
  system: string | string[];
  codes: Record<string, { status: number; issue: string | string[] }>;
}

const listOf = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

function normaliseOutcome(raw: RawOutcome): PackDef['operationOutcome'] {
  const systems = listOf(raw.system);
  const codes = Object.fromEntries(
    Object.entries(raw.codes).map(([code, def]) => {
      const issues = listOf(def.issue);
      return [code, issues.length > 1 ? { status: def.status, issue: issues[0]!, issues } : { status: def.status, issue: issues[0]! }];
    }),
  );
  return { ...(raw.profile ? { profile: raw.profile } : {}), system: systems[0]!, ...(systems.length > 1 ? { systems } : {}), codes };
}

/** pack.yaml auth: one kind, or the kinds a generic pack accepts (the first is the pack's own). */
function packAuth(auth: PackDef['auth'] | PackDef['auth'][]): Pick<PackDef, 'auth' | 'authKinds'> {
  return Array.isArray(auth) ? { auth: auth[0]!, authKinds: auth } : { auth };
}

/** pack.yaml fhirVersion: one version, or the versions a generic pack is written for (each target entry chooses one). */
function packVersions(v: PackDef['fhirVersion'] | PackDef['fhirVersion'][]): Pick<PackDef, 'fhirVersion' | 'fhirVersions'> {
  return Array.isArray(v) ? { fhirVersion: v[0]!, ...(v.length > 1 ? { fhirVersions: v } : {}) } : { fhirVersion: v };
}

let checker: SchemaChecker | undefined;

export function loadPack(dir: string, root: string, schemaDir: string): PackDef {
  checker ??= new SchemaChecker(join(schemaDir, 'pack.schema.json'), 'pack file');
  const src = YamlSource.read(join(dir, 'pack.yaml'), root);
  const errors = checker.check(src);
  if (errors.length > 0) throw new InputErrors(errors);
  // The file names the pack under 'pack'; the model calls it 'id'.
  const raw = src.value as Omit<PackDef, 'id' | 'dir' | 'defaultHeaders' | 'interactions' | 'retryPost'> & Partial<PackDef> & { pack: string };
  return {
    id: raw.pack,
    title: raw.title,
    ...packVersions(raw.fhirVersion as unknown as PackDef['fhirVersion'] | PackDef['fhirVersion'][]),
    ...packAuth(raw.auth as unknown as PackDef['auth'] | PackDef['auth'][]),
    defaultHeaders: raw.defaultHeaders ?? {},
    ...(raw.operationOutcome ? { operationOutcome: normaliseOutcome(raw.operationOutcome as unknown as RawOutcome) } : {}),
    interactions: raw.interactions ?? {},
    retryPost: raw.retryPost ?? false,
    dir,
  };
}
