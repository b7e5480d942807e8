import { describe, expect, it } from 'vitest';
import { GPC_FIXTURES, NHS_NUMBER_SYSTEM } from './fixtures.ts';
import { registerPatientBody, resourcesOf, spineCode, useGpcTarget, type GpcResponse } from '../../testing/gpconnect.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const F = GPC_FIXTURES;

const live = useGpcTarget(() => NOW);

const find = (identifier: string): Promise<GpcResponse> =>
  live.client.call('find-patient', { query: `identifier=${encodeURIComponent(identifier)}` });
const register = (body: unknown): Promise<GpcResponse> => live.client.call('register-patient', { body });

describe('find and read a patient', () => {
  it.each(F.registeredPatients.map((p) => [p.nhsNumber, p.id]))('finds %s as Patient/%s', async (nhsNumber, id) => {
    const res = await find(`${NHS_NUMBER_SYSTEM}|${nhsNumber}`);
    expect(res.status).toBe(200);
    const [patient, ...others] = resourcesOf(res.body, 'Patient');
    expect(others).toHaveLength(0);
    expect(patient.id).toBe(id);
    expect(patient.active).toBe(true);
    expect(patient.identifier[0]).toMatchObject({ system: NHS_NUMBER_SYSTEM, value: nhsNumber });
    expect(patient.name.filter((n: { use: string }) => n.use === 'official')).toHaveLength(1);
    expect(patient.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1']);
  });

  it('answers an empty Bundle for a patient who is not registered, or no longer active', async () => {
    for (const nhs of [F.registrableNhsNumbers[0], F.inactivePatient.nhsNumber]) {
      const res = await find(`${NHS_NUMBER_SYSTEM}|${nhs}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
    }
  });

  it('refuses an invalid NHS number, another system, and a missing system', async () => {
    const invalid = await find(`${NHS_NUMBER_SYSTEM}|${F.invalidNhsNumber}`);
    expect([invalid.status, spineCode(invalid)]).toEqual([400, 'INVALID_NHS_NUMBER']);
    const system = await find(`https://example.org/id|${F.registeredPatients[0].nhsNumber}`);
    expect([system.status, spineCode(system)]).toEqual([400, 'INVALID_IDENTIFIER_SYSTEM']);
    const bare = await find(F.registeredPatients[0].nhsNumber);
    expect([bare.status, spineCode(bare)]).toEqual([422, 'INVALID_PARAMETER']);
  });

  it('reads a patient with an ETag and answers 404 for an unknown id', async () => {
    const res = await live.client.call('read-patient', { path: `/Patient/${F.registeredPatients[0].id}` });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    const unknown = await live.client.call('read-patient', { path: `/Patient/${F.unknownPatientId}` });
    expect([unknown.status, spineCode(unknown)]).toEqual([404, 'PATIENT_NOT_FOUND']);
  });
});

describe('register a patient', () => {
  it('registers a patient known to PDS temporarily and answers 200 with a searchset Bundle', async () => {
    const nhs = F.registrableNhsNumbers[0];
    const res = await register(registerPatientBody({ nhsNumber: nhs }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const [patient] = resourcesOf(res.body, 'Patient');
    expect(patient.identifier[0].value).toBe(nhs);
    expect(JSON.stringify(patient.extension)).toContain('"code":"T"');
    const found = await find(`${NHS_NUMBER_SYSTEM}|${nhs}`);
    expect(resourcesOf(found.body, 'Patient')[0].id).toBe(patient.id);
  });

  it('answers 409 DUPLICATE_REJECTED for a registered patient', async () => {
    const res = await register(registerPatientBody({ nhsNumber: F.registeredPatients[2].nhsNumber }));
    expect([res.status, spineCode(res)]).toEqual([409, 'DUPLICATE_REJECTED']);
  });

  it('reactivates an inactive registration', async () => {
    const res = await register(registerPatientBody({ nhsNumber: F.inactivePatient.nhsNumber }));
    expect(res.status).toBe(200);
    expect(resourcesOf(res.body, 'Patient')[0]).toMatchObject({ id: F.inactivePatient.id, active: true });
  });

  it('traces demographics against PDS', async () => {
    const p = F.pdsTracedPatient;
    const wrong = await register(registerPatientBody({ ...p, family: 'Smith' }));
    expect([wrong.status, spineCode(wrong)]).toEqual([400, 'INVALID_PATIENT_DEMOGRAPHICS']);
    const right = await register(registerPatientBody(p));
    expect(right.status).toBe(200);
  });

  it.each([
    ['an invalid NHS number', F.invalidNhsNumber, 400, 'INVALID_NHS_NUMBER'],
    ['a superseded NHS number', F.supersededNhsNumber, 400, 'INVALID_NHS_NUMBER'],
    ['a deceased patient', F.deceasedNhsNumber, 400, 'INVALID_PATIENT_DEMOGRAPHICS'],
    ['a sensitive patient', F.sensitiveNhsNumber, 400, 'INVALID_PATIENT_DEMOGRAPHICS'],
    ['PDS being unavailable', F.pdsUnavailableNhsNumber, 500, 'INTERNAL_SERVER_ERROR'],
  ])('refuses %s', async (_name, nhsNumber, status, code) => {
    const res = await register(registerPatientBody({ nhsNumber }));
    expect([res.status, spineCode(res)]).toEqual([status, code]);
  });

  it.each([
    ['a Patient instead of Parameters', () => (registerPatientBody({ nhsNumber: F.registrableNhsNumbers[1] }).parameter as any)[0].resource],
    ['a misnamed parameter', () => ({ resourceType: 'Parameters', parameter: [{ ...(registerPatientBody({ nhsNumber: F.registrableNhsNumbers[1] }).parameter as any)[0], name: 'patient' }] })],
    ['a Patient without NHS number', () => {
      const body: any = registerPatientBody({ nhsNumber: F.registrableNhsNumbers[1] });
      body.parameter[0].resource.identifier = [];
      return body;
    }],
    ['a Patient without birthDate', () => {
      const body: any = registerPatientBody({ nhsNumber: F.registrableNhsNumbers[1] });
      delete body.parameter[0].resource.birthDate;
      return body;
    }],
  ])('answers 422 INVALID_RESOURCE for %s', async (_name, body) => {
    const res = await register(body());
    expect([res.status, spineCode(res)]).toEqual([422, 'INVALID_RESOURCE']);
  });
});
