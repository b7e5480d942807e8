import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FhirVersion } from '../model/fhir.ts';
import { baseStructure, type BaseStructure } from './base-structure.ts';
import { locationOf, type ProfileIssue } from './issues.ts';

export type { IssueRule, ProfileIssue } from './issues.ts';

const SUFFIX = '.schema.json';

/**
 * A profile check in two layers: the base FHIR structure of the resource (base-structure.ts: the official
 * definitions of the pack's FHIR version), then the NHS profile's own rules, the JSON Schemas in profiles/
 * (cardinalities, fixed values, forbidden elements), compiled on first use. Every schema file may $ref the
 * others by file name (e.g. "_common.schema.json#/definitions/dateTime").
 */
export class ProfileRegistry {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly names: string[];

  constructor(
    readonly dir: string,
    private readonly base: BaseStructure = baseStructure,
  ) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => void)(this.ajv);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(SUFFIX)) : [];
    for (const f of files) {
      const schema = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
      this.ajv.addSchema({ ...schema, $id: f }, f);
    }
    this.names = files.map((f) => f.slice(0, -SUFFIX.length)).filter((n) => !n.startsWith('_'));
  }

  has(name: string): boolean {
    return this.names.includes(name);
  }

  /**
   * The issues of a resource against a profile: with a FHIR version, the base structure's first (an NHS
   * rule at a location the base already faults is left out: it says the same thing again), then the
   * profile's. Without one, the profile layer alone.
   */
  validate(name: string, resource: unknown, fhirVersion?: FhirVersion): ProfileIssue[] {
    const base = fhirVersion && resource && typeof resource === 'object' ? this.base.validate(resource, fhirVersion) : [];
    const profile = this.validateProfile(name, resource).filter((p) => !base.some((b) => b.path === p.path));
    return [...base, ...profile];
  }

  /** The NHS profile's rules alone (profiles/<name>.schema.json). */
  validateProfile(name: string, resource: unknown): ProfileIssue[] {
    let fn = this.compiled.get(name);
    if (!fn) {
      fn = this.ajv.getSchema(name + SUFFIX);
      if (!fn) throw new Error(`no profile '${name}' in ${this.dir}`);
      this.compiled.set(name, fn);
    }
    if (fn(resource)) return [];
    const type = (resource as { resourceType?: unknown } | null)?.resourceType;
    const anchor = { pointer: '', location: typeof type === 'string' ? type : 'Resource' };
    return (fn.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .map((e) => ({
        path: e.instancePath || '/',
        location: locationOf(anchor, e.instancePath, extraOf(e)),
        rule: 'profile' as const,
        message: describe(e.keyword, e.params as Record<string, unknown>, e.message),
        layer: 'profile' as const,
      }));
  }
}

/** The element a 'required' or 'additionalProperties' error is about, below the object it was raised on. */
function extraOf(e: ErrorObject): string | undefined {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return String(params['missingProperty']);
  if (e.keyword === 'additionalProperties') return String(params['additionalProperty']);
  return undefined;
}

function describe(keyword: string, params: Record<string, unknown>, message: string | undefined): string {
  if (keyword === 'required') return `missing '${String(params['missingProperty'])}'`;
  if (keyword === 'additionalProperties') return `'${String(params['additionalProperty'])}' is not allowed`;
  if (keyword === 'const') return `must be ${JSON.stringify(params['allowedValue'])}`;
  if (keyword === 'enum') return `must be one of ${JSON.stringify(params['allowedValues'])}`;
  if (keyword === 'not') return `must not be present`;
  return message ?? keyword;
}
