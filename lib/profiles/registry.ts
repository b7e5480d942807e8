import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { FhirVersion } from '../model/fhir.ts';
import { baseStructure, type BaseStructure } from './base-structure.ts';
import { locationOf, type ProfileIssue } from './issues.ts';
import { cachedJson, cachedValidator, cacheKey, moduleText, newAjv } from './validator-cache.ts';

export type { IssueRule, ProfileIssue } from './issues.ts';

const SUFFIX = '.schema.json';

const require = createRequire(import.meta.url);
const OPTIONS = { allErrors: true, strict: false, code: { source: true } } as const;
const FORMATS_VERSION = (require('ajv-formats/package.json') as { version: string }).version;

/**
 * A profile check in two layers: the base FHIR structure of the resource (base-structure.ts: the official
 * definitions of the pack's FHIR version), then the NHS profile's own rules, the JSON Schemas in profiles/
 * (cardinalities, fixed values, forbidden elements), compiled on first use. Every schema file may $ref the
 * others by file name (e.g. "_common.schema.json#/definitions/dateTime").
 *
 * Compiling (and checking the schemas against the JSON Schema meta-schema, some 30 ms at every start) is
 * done once per content of the whole folder: each profile's validator is kept as ajv standalone code in
 * node_modules/.cache (validator-cache.ts), keyed by every schema file's name and text, ajv's and
 * ajv-formats' versions, the options and this module's text, so an edited schema is compiled again.
 */
export class ProfileRegistry {
  private ajvValue: Ajv | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly schemas: Array<{ file: string; text: string }>;
  private readonly key: string;
  readonly names: string[];

  constructor(
    readonly dir: string,
    private readonly base: BaseStructure = baseStructure,
  ) {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(SUFFIX)) : [];
    this.schemas = files.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
    this.key = cacheKey([JSON.stringify(OPTIONS), FORMATS_VERSION, moduleText('registry'), ...this.schemas.flatMap((s) => [s.file, s.text])]);
    // A schema ajv refuses (not valid JSON, or not valid against the meta-schema) is refused here, at load, as
    // before there was a cache: once a folder's schemas have passed, the same texts need not be checked again.
    cachedJson('profiles-checked', this.key, () => (this.ajv(), true));
    this.names = files.map((f) => f.slice(0, -SUFFIX.length)).filter((n) => !n.startsWith('_'));
  }

  /** Every schema of the folder in one ajv, each under its file name: built only when a validator is compiled. */
  private ajv = (): Ajv => {
    if (this.ajvValue) return this.ajvValue;
    const ajv = newAjv(OPTIONS);
    (require('ajv-formats') as (a: Ajv) => void)(ajv);
    for (const { file, text } of this.schemas) ajv.addSchema({ ...(JSON.parse(text) as Record<string, unknown>), $id: file }, file);
    this.ajvValue = ajv;
    return ajv;
  };

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
      fn = this.schemas.some((s) => s.file === name + SUFFIX) ? cachedValidator(`profile-${name}`, this.key, this.ajv, name + SUFFIX) : undefined;
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
