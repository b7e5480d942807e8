import { createRequire } from 'node:module';

/**
 * A JSON Schema for FHIR STU3 (3.0.1), generated from the official StructureDefinitions, in the shape
 * HL7's own generator gives the official R4 fhir.schema.json: one definition per type and backbone
 * element, `additionalProperties: false`, an array for every element whose max is not 1, `_name`
 * siblings for primitives, `required` for non-primitive elements with min >= 1, an enum for a code
 * under a required binding. Embedded resources (contained, Bundle.entry.resource) are left to
 * `ResourceList`, which base-structure.ts replaces by a stub and validates on their own.
 *
 * Where STU3 comes from (no npm package ships HL7's STU3 fhir.schema.json), the options compared:
 * - the `fhir3` namespace of @types/fhir through a TS→JSON-Schema generator: hand-kept typings, not the
 *   definitions; cardinality only as "array or not", the generator would be a runtime dependency (or a
 *   build step whose output we may not commit) and its unions of codes would have to be trusted as bindings;
 * - fhirpath's STU3 model (`path2Type`): every element path and type, but no cardinality and no bindings;
 * - authoring schemas in profiles/: the whole base of ten resources and their datatypes by hand, the very
 *   thing issue 10 wants replaced;
 * - the official STU3 StructureDefinitions (profiles-types.json, profiles-resources.json, 3.0.1, as HL7
 *   publishes them in the specification's definitions download), shipped by the `fhir` package (FHIR.js,
 *   Lantana) 4.3.11 under test/data/stu3/schema/: every element, type, min/max, binding and the primitive
 *   regexes, from the same source HL7 generates its JSON schemas from. Chosen: it is the definitions
 *   themselves, and generating from them is what HL7 does for R4. (FHIR.js 3.x ships the STU3 value sets
 *   too, but needs the native libxmljs 0.18, which does not build on node 20.)
 *
 * What the package lacks is STU3's valuesets.json, so a required binding's codes are read from the
 * elements' `short`, where the FHIR build lists them ("proposed | pending | booked | ..."), gathered per
 * value set (requiredCodeTable). A value set no short lists in full (issue-type, resource-types, mime
 * types: large or open; request-intent: hierarchical; task-status: cut short with "+") is left unchecked
 * at this layer; the NHS profiles check the codes that matter to booking. stu3-schema.test.ts holds the
 * codes to @types/fhir's STU3 unions (the 230-odd bindings both give agree, but for two where @types/fhir
 * merges two value sets) and the generator, run on R4 definitions, to HL7's R4 schema.
 */

interface TypeRef {
  code?: string;
  extension?: Array<{ url: string; valueString?: string }>;
  _code?: { extension?: Array<{ url: string; valueString?: string }> };
}

interface ElementDef {
  path: string;
  min?: number;
  max?: string;
  type?: TypeRef[];
  contentReference?: string;
  short?: string;
  binding?: { strength?: string; valueSetReference?: { reference?: string }; valueSetUri?: string };
}

interface StructureDefinition {
  resourceType: 'StructureDefinition';
  id: string;
  kind: 'primitive-type' | 'complex-type' | 'resource' | 'logical';
  abstract?: boolean;
  derivation?: 'specialization' | 'constraint';
  snapshot: { element: ElementDef[] };
}

type Schema = Record<string, unknown>;

const require = createRequire(import.meta.url);
const SOURCE = 'fhir/test/data/stu3/schema';
const REGEX_URL = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-regex';
const JSON_TYPE_URL = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-json-type';

/** Reads the official STU3 definitions (~25 MB of JSON, ~0.3 s) and generates the schema. */
export function loadStu3Schema(): Schema {
  const bundles = ['profiles-types.json', 'profiles-resources.json'].map(
    (f) => require(`${SOURCE}/${f}`) as { entry: Array<{ resource: { resourceType: string } }> },
  );
  const sds = bundles.flatMap((b) => b.entry.map((e) => e.resource)).filter((r): r is StructureDefinition => r.resourceType === 'StructureDefinition');
  return generateSchema(sds);
}

export function generateSchema(sds: StructureDefinition[]): Schema {
  const primitives = new Set(sds.filter((sd) => sd.kind === 'primitive-type').map((sd) => sd.id));
  const codes = requiredCodeTable(sds);
  const definitions: Record<string, Schema> = {};
  for (const sd of sds) {
    if (sd.kind === 'primitive-type') definitions[sd.id] = primitiveSchema(sd);
    else if (sd.kind === 'complex-type' || (sd.kind === 'resource' && sd.derivation !== 'constraint')) {
      new TypeGenerator(sd, primitives, codes, definitions).generate();
    }
  }
  definitions['ResourceList'] = { type: 'object', required: ['resourceType'] };
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'http://hl7.org/fhir/json-schema/3.0', definitions };
}

/**
 * The 3.0.1 definitions give instant no regex (R4's added one); an instant is the same in both, "known at
 * least to the second" with a time zone (the XML schema's dateTime with an offset), so R4's is used.
 */
const MISSING_REGEX: Record<string, string> = {
  instant: '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))',
};

function primitiveSchema(sd: StructureDefinition): Schema {
  const value = sd.snapshot.element.find((e) => e.path === `${sd.id}.value`);
  const type = value?.type?.[0];
  const jsonType = type?._code?.extension?.find((x) => x.url === JSON_TYPE_URL)?.valueString ?? 'string';
  const regex = type?.extension?.find((x) => x.url === REGEX_URL)?.valueString ?? MISSING_REGEX[sd.id];
  if (jsonType === 'boolean') return { type: 'boolean' };
  if (jsonType === 'number') {
    // The regex of a number type is for its XML form; in JSON an integer type is a JSON integer.
    if (/^(integer|positiveInt|unsignedInt)$/.test(sd.id)) return { type: 'integer', ...(sd.id === 'positiveInt' ? { minimum: 1 } : sd.id === 'unsignedInt' ? { minimum: 0 } : {}) };
    return { type: 'number' };
  }
  return { type: 'string', ...(regex ? { pattern: `^${regex}$` } : {}) };
}

/** The definitions of one StructureDefinition: the type itself and one per backbone element. */
class TypeGenerator {
  private readonly byPath = new Map<string, ElementDef>();
  private readonly children = new Map<string, ElementDef[]>();
  private readonly root: string;

  constructor(
    private readonly sd: StructureDefinition,
    private readonly primitives: Set<string>,
    private readonly codes: Map<string, string[]>,
    private readonly out: Record<string, Schema>,
  ) {
    const elements = sd.snapshot.element;
    this.root = elements[0]!.path;
    for (const e of elements) {
      if (this.byPath.has(e.path)) continue; // a slice repeats its element's path; the base element rules
      this.byPath.set(e.path, e);
      const parent = e.path.slice(0, e.path.lastIndexOf('.'));
      if (e.path.includes('.')) this.children.set(parent, [...(this.children.get(parent) ?? []), e]);
    }
  }

  generate(): void {
    // An abstract resource (Resource, DomainResource) is no resourceType a body may name.
    this.objectDefinition(this.root, this.sd.id, this.sd.kind === 'resource' && !this.sd.abstract);
  }

  private definitionName(path: string): string {
    if (path === this.root) return this.sd.id;
    return [this.sd.id, ...path.slice(this.root.length + 1).split('.').map(capitalise)].join('_');
  }

  private objectDefinition(path: string, name: string, isResource: boolean): void {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    if (isResource) {
      properties['resourceType'] = { const: this.sd.id };
      required.push('resourceType');
    }
    for (const e of this.children.get(path) ?? []) {
      if (e.max === '0') continue;
      const many = e.max !== undefined && e.max !== '1';
      const last = e.path.slice(e.path.lastIndexOf('.') + 1);
      if (last.endsWith('[x]')) {
        const base = last.slice(0, -3);
        for (const code of new Set((e.type ?? []).map((t) => t.code).filter((c): c is string => !!c))) {
          this.addProperty(properties, base + capitalise(code), this.typeSchema(code, e), many, this.primitives.has(code));
        }
        continue;
      }
      const { schema, primitive } = this.elementSchema(e);
      this.addProperty(properties, last, schema, many, primitive);
      if ((e.min ?? 0) >= 1 && !primitive) required.push(last);
    }
    this.out[name] = {
      type: 'object',
      properties,
      additionalProperties: false,
      ...(required.length > 0 ? { required } : {}),
    };
  }

  private elementSchema(e: ElementDef): { schema: Schema; primitive: boolean } {
    if (e.contentReference) {
      return { schema: { $ref: `#/definitions/${this.definitionName(e.contentReference.replace(/^#/, ''))}` }, primitive: false };
    }
    const codes = [...new Set((e.type ?? []).map((t) => t.code).filter((c): c is string => !!c))];
    const code = codes[0];
    if (this.children.has(e.path) && (code === 'BackboneElement' || code === 'Element' || code === undefined)) {
      const name = this.definitionName(e.path);
      this.objectDefinition(e.path, name, false);
      return { schema: { $ref: `#/definitions/${name}` }, primitive: false };
    }
    if (code === undefined) {
      // Element.id and Extension.url carry no code, only their JSON type: a string either way, and
      // (XML attributes) never with a _ sibling.
      return { schema: { type: 'string' }, primitive: false };
    }
    return { schema: this.typeSchema(code, e), primitive: this.primitives.has(code) };
  }

  private typeSchema(code: string, e: ElementDef): Schema {
    if (code === 'Resource' || code === 'DomainResource') return { $ref: '#/definitions/ResourceList' };
    const codes = code === 'code' && !MISBOUND.has(e.path) ? this.codes.get(bindingKey(e)) : undefined;
    if (codes) return { type: 'string', enum: codes, 'x-fhirType': 'code', 'x-valueSet': valueSetOf(e) };
    return { $ref: `#/definitions/${code}` };
  }

  private addProperty(properties: Record<string, Schema>, name: string, schema: Schema, many: boolean, primitive: boolean): void {
    properties[name] = many ? { type: 'array', items: schema } : schema;
    if (primitive) {
      const element = { $ref: '#/definitions/Element' };
      properties[`_${name}`] = many ? { type: 'array', items: element } : element;
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function valueSetOf(e: ElementDef): string | undefined {
  return e.binding?.valueSetReference?.reference ?? e.binding?.valueSetUri;
}

const CODE = /^[^\s|+]+$/;

/**
 * Value sets whose codes no short lists in full: request-intent is hierarchical (original-order,
 * reflex-order, filler-order and instance-order sit under order), so its shorts name the top level only.
 */
const NOT_LISTED_IN_SHORTS = new Set(['http://hl7.org/fhir/ValueSet/request-intent']);

/** The key codes are gathered under: the value set. */
function bindingKey(e: ElementDef): string {
  return valueSetOf(e) ?? '';
}

/**
 * Elements whose short lists another value set than the one they are bound to: 3.0.1 binds
 * AppointmentResponse.participantStatus to participationstatus but lists participantstatus's codes
 * (in-process, completed, ...). Left unchecked, so they do not widen Appointment.participant.status.
 */
const MISBOUND = new Set(['AppointmentResponse.participantStatus']);

/**
 * The codes of each required binding, as the elements' shorts list them: per value set
 * the union of every element's short, since one short may be stale where another is not (request-status:
 * "unknown" is missing from some), and none where a short is cut short ("accepted | +") or the value set
 * is hierarchical. Checked against @types/fhir's STU3 unions by stu3-schema.test.ts.
 */
export function requiredCodeTable(sds: readonly StructureDefinition[]): Map<string, string[]> {
  const table = new Map<string, Set<string> | 'unlisted'>();
  for (const sd of sds) {
    for (const e of sd.snapshot.element) {
      if (e.binding?.strength !== 'required' || !e.type?.some((t) => t.code === 'code') || MISBOUND.has(e.path)) continue;
      const key = bindingKey(e);
      if (NOT_LISTED_IN_SHORTS.has(valueSetOf(e) ?? '')) table.set(key, 'unlisted');
      const held = table.get(key);
      if (held === 'unlisted') continue;
      const codes = codesOfShort(e.short);
      if (codes === 'cut') table.set(key, 'unlisted');
      else if (codes) table.set(key, new Set([...(held ?? []), ...codes]));
    }
  }
  const out = new Map<string, string[]>();
  for (const [key, codes] of table) if (codes !== 'unlisted') out.set(key, [...codes]);
  return out;
}

/** The codes a short lists ("proposed | pending | booked"), 'cut' when it ends in "+", undefined when it lists none. */
function codesOfShort(short: string | undefined): string[] | 'cut' | undefined {
  if (!short || !short.includes(' | ')) return undefined;
  const parts = short.split(' | ');
  // The last code may carry a gloss: "old - purpose of this address", "secondary (If known)".
  const last = parts.length - 1;
  parts[last] = parts[last]!.replace(/\s+-\s.*$/, '').replace(/\s+\(.*\)$/, '');
  if (parts.some((p) => p.endsWith('+'))) return 'cut';
  return parts.every((p) => CODE.test(p)) ? parts : undefined;
}
