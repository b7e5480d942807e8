import { join } from 'node:path';
import type { PackDef } from '../model/pack.ts';
import { SchemaChecker } from './schema.ts';
import { InputErrors, YamlSource } from './source.ts';

let checker: SchemaChecker | undefined;

export function loadPack(dir: string, root: string, schemaDir: string): PackDef {
  checker ??= new SchemaChecker(join(schemaDir, 'pack.schema.json'), 'pack file');
  const src = YamlSource.read(join(dir, 'pack.yaml'), root);
  const errors = checker.check(src);
  if (errors.length > 0) throw new InputErrors(errors);
  // The file names the pack under 'pack'; the model calls it 'id'.
  const raw = src.value as Omit<PackDef, 'id' | 'dir' | 'defaultHeaders' | 'interactions'> & Partial<PackDef> & { pack: string };
  return {
    id: raw.pack,
    title: raw.title,
    fhirVersion: raw.fhirVersion,
    auth: raw.auth,
    defaultHeaders: raw.defaultHeaders ?? {},
    operationOutcome: raw.operationOutcome,
    interactions: raw.interactions ?? {},
    dir,
  };
}
