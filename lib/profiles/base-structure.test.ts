// The base FHIR structure layer of the profile check: one concise issue, at its FHIRPath-like location, per
// rule broken, in both versions; embedded resources judged against their own type; published examples pass.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesPresent, SPEC_DIR } from '../examples/replay.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import type { FhirVersion } from '../model/fhir.ts';
import { baseStructure } from './base-structure.ts';
import { ProfileRegistry } from './registry.ts';

const VERSIONS: FhirVersion[] = ['stu3', 'r4'];

/** A valid Appointment in both versions (participant.status and start/end are the same in STU3 and R4). */
function appointment(): Record<string, unknown> {
  return {
    resourceType: 'Appointment',
    id: 'a1',
    meta: { versionId: '1', profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1'] },
    status: 'booked',
    start: '2026-11-23T09:00:00+00:00',
    end: '2026-11-23T09:15:00+00:00',
    created: '2026-11-21T13:25:48+00:00',
    slot: [{ reference: 'Slot/7' }],
    participant: [
      { actor: { reference: 'Patient/1' }, status: 'accepted' },
      { actor: { reference: 'Location/2' }, status: 'accepted' },
    ],
  };
}

const brief = (resource: unknown, version: FhirVersion) => baseStructure.validate(resource, version).map((i) => `${i.location} ${i.rule}: ${i.message}`);

describe.each(VERSIONS)('base FHIR structure (%s)', (version) => {
  it('passes a valid Appointment', () => {
    expect(brief(appointment(), version)).toEqual([]);
  });

  it('an unknown element: one issue at its location', () => {
    const a = appointment();
    (a['participant'] as Array<Record<string, unknown>>)[1]!['role'] = 'x';
    expect(brief(a, version)).toEqual(['Appointment.participant[1].role unknown-element: not in the base definition of its type']);
  });

  it('a wrong type: a string where a Reference goes, an invalid dateTime', () => {
    const a: Record<string, unknown> = { ...appointment(), created: 'yesterday' };
    (a['participant'] as Array<Record<string, unknown>>)[1]!['actor'] = 'Location/2';
    const issues = baseStructure.validate(a, version);
    expect(issues.map((i) => [i.location, i.rule])).toEqual([
      ['Appointment.created', 'wrong-type'],
      ['Appointment.participant[1].actor', 'wrong-type'],
    ]);
    expect(issues[0]!.message).toBe('not a valid dateTime: "yesterday"');
    expect(issues[1]!.message).toBe('expected a Reference (JSON object), got string "Location/2"');
  });

  it('cardinality: a list where one value goes, a single value where a list goes, a required element missing', () => {
    const { participant: _participant, ...noParticipant } = appointment();
    expect(brief({ ...noParticipant, start: ['2026-11-23T09:00:00+00:00'], slot: { reference: 'Slot/7' } }, version).sort()).toEqual([
      'Appointment.participant too-few: required (min 1), missing',
      'Appointment.slot wrong-type: repeats (max *): expected an array, got an object',
      'Appointment.start too-many: max 1, got an array of 1',
    ]);
  });

  it('a code outside its required value set', () => {
    const a = appointment();
    (a['participant'] as Array<Record<string, unknown>>)[0]!['status'] = 'booked';
    const issues = baseStructure.validate(a, version);
    expect(issues.map((i) => [i.location, i.rule])).toEqual([['Appointment.participant[0].status', 'not-in-value-set']]);
    expect(issues[0]!.message).toMatch(/^"booked" is not one of .*accepted \| declined \| tentative \| needs-action$/);
  });

  it('a bad element inside a contained resource: one issue, against the contained type, not a oneOf of every type', () => {
    const a = { ...appointment(), contained: [{ resourceType: 'Patient', id: 'p1', gender: 'M', birthDate: '1990-01-01' }] };
    const issues = baseStructure.validate(a, version);
    expect(issues.map((i) => `${i.location} ${i.rule}`)).toEqual(['Appointment.contained[0].gender not-in-value-set']);
    expect(issues[0]!.path).toBe('/contained/0/gender');
  });

  it('a bad element inside a Bundle entry, and an entry of no known type', () => {
    const slot = { resourceType: 'Slot', id: 's1', schedule: { reference: 'Schedule/1' }, status: 'free', start: '2026-11-23T09:00:00Z', end: '2026-11-23T09:15:00Z', overbooked: 'no' };
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ fullUrl: 'http://x/Slot/s1', resource: slot }, { resource: { resourceType: 'Appointmnt' } }] };
    expect(brief(bundle, version)).toEqual([
      'Bundle.entry[0].resource.overbooked wrong-type: expected a boolean (JSON boolean), got string "no"',
      `Bundle.entry[1].resource.resourceType unknown-resource: 'Appointmnt' is not a FHIR ${version.toUpperCase()} resource type`,
    ]);
  });

  it('tells the versions apart: an R4-only element is unknown to STU3, an STU3-only one to R4', () => {
    const r4Only = { ...appointment(), cancelationReason: { text: 'x' }, priority: 1, patientInstruction: 'Bring your letter' };
    const stu3Only = { ...appointment(), incomingReferral: [{ reference: 'ReferralRequest/1' }] };
    expect(brief(r4Only, version).length > 0).toBe(version === 'stu3');
    expect(brief(stu3Only, version).length > 0).toBe(version === 'r4');
  });

  it('a primitive may carry its extensions in _element alone', () => {
    const { status: _status, ...rest } = appointment();
    expect(brief({ ...rest, _status: { extension: [{ url: 'http://example.org/x', valueString: 'y' }] } }, version)).toEqual([]);
  });
});

describe('CapabilityStatement', () => {
  const statement = (fhirVersion: string) => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-01',
    kind: 'instance',
    fhirVersion,
    format: ['application/fhir+json'],
    rest: [{ mode: 'server', resource: [{ type: 'Appointment', interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'create' }] }, { type: 'Schedule' }] }],
  });
  it('R4 4.0.1 is a FHIR version (the official schema lists up to 4.0.0)', () => {
    // R4 made rest.resource.interaction 0..*, and dropped acceptUnknown.
    expect(brief(statement('4.0.1'), 'r4')).toEqual([]);
    expect(brief(statement('4.0.2'), 'r4')).toEqual([expect.stringMatching(/^CapabilityStatement\.fhirVersion not-in-value-set: "4\.0\.2" is not one of /)]);
  });
  it('STU3: a rest.resource names at least one interaction', () => {
    expect(brief({ ...statement('3.0.1'), acceptUnknown: 'no' }, 'stu3')).toEqual(['CapabilityStatement.rest[0].resource[1].interaction too-few: required (min 1), missing']);
  });
});

describe.skipIf(!examplesPresent())('published examples (STU3) pass the base structure', () => {
  const examples = [
    'gpconnect-examples/book_appt_response_example.json',
    'gpconnect-examples/retrieve_patients_appts_response_example.json',
    'gpconnect-examples/find_patient_response_example.json',
    'gpconnect-examples/demonstrator-capability-1.2.8.json',
    'gpconnect-examples/errors-1.2.9/DUPLICATE_REJECTED.json',
    'ers-examples/A011_Response.json',
    'ers-examples/apim-sandbox-stu3/retrieveAppointmentSlots/responses/Page1With2Schedules.json',
  ];
  it.each(examples)('%s', (file) => {
    expect(brief(JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')), 'stu3')).toEqual([]);
  });

  it('and the published slot search example is caught on the telecom it writes as an object', () => {
    const body = JSON.parse(readFileSync(join(SPEC_DIR, 'gpconnect-examples/search_for_free_slots_response_example.json'), 'utf8'));
    const issues = baseStructure.validate(body, 'stu3');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => /^Bundle\.entry\[\d+\]\.resource\.(telecom|address)$/.test(i.location) && i.rule === 'wrong-type')).toBe(true);
  });
});

describe('the profile layer on top', () => {
  const registry = new ProfileRegistry(join(PROJECT_ROOT, 'profiles'));

  it('reports base issues first, then the NHS rules, each at its location', () => {
    const a = { ...appointment(), reason: [{ text: 'x' }], extra: true };
    const issues = registry.validate('GPConnect-Appointment-1', a, 'stu3');
    expect(issues.map((i) => `${i.layer} ${i.location} ${i.rule}`)).toEqual(['fhir Appointment.extra unknown-element', 'profile Appointment.reason profile']);
  });

  it('does not repeat at a location the base already faults', () => {
    const a = appointment();
    (a['participant'] as Array<Record<string, unknown>>)[0]!['status'] = 'booked';
    const issues = registry.validate('GPConnect-Appointment-1', a, 'stu3');
    expect(issues.map((i) => `${i.layer} ${i.location}`)).toEqual(['fhir Appointment.participant[0].status']);
  });

  it('without a FHIR version, the profile layer alone (as before)', () => {
    expect(registry.validate('GPConnect-Appointment-1', { ...appointment(), extra: true })).toEqual([]);
  });

  it.each(VERSIONS)('FHIR-Base: the base structure alone, for any resource type (%s)', (version) => {
    expect(registry.validate('FHIR-Base', appointment(), version)).toEqual([]);
    const issues = registry.validate('FHIR-Base', { resourceType: 'Slot', status: 'open' }, version);
    expect(issues.map((i) => `${i.location} ${i.rule}`).sort()).toEqual(['Slot.schedule too-few', 'Slot.status not-in-value-set']);
    expect(registry.validate('FHIR-Base', { resourceType: 'DomainResource' }, version).map((i) => i.rule)).toEqual(['unknown-resource']);
  });

  it('records how long loading took, per version and resource type', () => {
    baseStructure.validate(appointment(), 'stu3');
    // The schema is read only when a validator is compiled, not when its code comes from node_modules/.cache.
    expect(baseStructure.timings.schema.stu3 === undefined || baseStructure.timings.schema.stu3 >= 0).toBe(true);
    expect(baseStructure.timings.compile['stu3/Appointment']).toBeGreaterThanOrEqual(0);
  });
});
