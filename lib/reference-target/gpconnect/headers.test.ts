import { describe, expect, it } from 'vitest';
import { GPC_FIXTURES, NHS_NUMBER_SYSTEM } from './fixtures.ts';
import { interaction } from './routes.ts';
import { useGpcTarget, type GpcResponse } from '../../testing/gpconnect.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const FIND = `identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${GPC_FIXTURES.registeredPatients[0].nhsNumber}`)}`;

const live = useGpcTarget(() => NOW);

const find = (headers: Record<string, string | undefined>, query = FIND): Promise<GpcResponse> =>
  live.client.call('find-patient', { query, headers });

function expectBadRequest(res: GpcResponse): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1']);
  expect(res.body.issue[0]).toMatchObject({
    severity: 'error',
    code: 'invalid',
    details: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1', code: 'BAD_REQUEST' }] },
  });
}

describe('Ssp-* headers (faithful)', () => {
  it.each(['ssp-traceid', 'ssp-from', 'ssp-to', 'ssp-interactionid'])('rejects a request without %s', async (name) => {
    expectBadRequest(await find({ [name]: undefined }));
  });

  it.each(['ssp-traceid', 'ssp-from', 'ssp-to', 'ssp-interactionid'])('rejects a blank %s', async (name) => {
    expectBadRequest(await find({ [name]: ' ' }));
  });

  it('rejects an Ssp-TraceID that is not a GUID', async () => {
    expectBadRequest(await find({ 'ssp-traceid': 'trace-1' }));
  });

  it("rejects an Ssp-To that is not the provider's ASID", async () => {
    expectBadRequest(await find({ 'ssp-to': '918999198999' }));
  });

  it('rejects an unknown interaction id', async () => {
    expectBadRequest(await find({ 'ssp-interactionid': 'urn:nhs:names:services:gpconnect:fhir:rest:search:patient-2' }));
  });

  it('rejects an interaction id that does not match the URL', async () => {
    expectBadRequest(await find({ 'ssp-interactionid': interaction('read-patient').id }));
  });

  it('rejects an interaction id that does not match the verb', async () => {
    const res = await live.client.call('read-appointment', { path: '/Appointment/1', headers: { 'ssp-interactionid': interaction('amend-appointment').id } });
    expectBadRequest(res);
  });

  it('rejects a path no interaction serves', async () => {
    expectBadRequest(await live.client.call('find-patient', { path: '/Encounter' }));
  });
});

describe('content negotiation (faithful)', () => {
  it.each([
    ['Accept application/fhir+json', { accept: 'application/fhir+json' }, ''],
    ['Accept application/json+fhir', { accept: 'application/json+fhir' }, ''],
    ['no Accept', { accept: undefined }, ''],
    ['Accept */*', { accept: '*/*' }, ''],
    ['_format=json over Accept XML', { accept: 'application/fhir+xml' }, '&_format=json'],
    ['_format=application/fhir+json', { accept: undefined }, '&_format=application%2Ffhir%2Bjson'],
  ])('answers JSON for %s', async (_name, headers, format) => {
    const res = await find(headers, FIND + format);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  });

  it.each([
    ['Accept XML (only a SHOULD; not spoken here)', { accept: 'application/fhir+xml' }, ''],
    ['Accept text/html', { accept: 'text/html' }, ''],
    ['_format=xml over Accept JSON', { accept: 'application/fhir+json' }, '&_format=xml'],
    ['Content-Type XML when nothing else is said', { accept: undefined, 'content-type': 'application/fhir+xml' }, ''],
  ])('answers 415 for %s', async (_name, headers, format) => {
    const res = await find(headers, FIND + format);
    expect(res.status).toBe(415);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 415 for a booking body that is not FHIR JSON', async () => {
    const res = await live.client.call('book-appointment', { body: '<Appointment/>', headers: { 'content-type': 'application/fhir+xml', accept: 'application/fhir+json' } });
    expect(res.status).toBe(415);
  });
});

describe('metadata', () => {
  it('publishes a FHIR 3.0.1 CapabilityStatement with the appointment profile and the register operation', async () => {
    const res = await live.client.call('metadata');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.resourceType).toBe('CapabilityStatement');
    expect(res.body.fhirVersion).toBe('3.0.1');
    const rest = res.body.rest[0];
    expect(rest.operation.map((o: { name: string }) => o.name)).toContain('gpc.registerpatient');
    const appointment = rest.resource.find((r: { type: string }) => r.type === 'Appointment');
    expect(appointment.profile.reference).toBe('https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1');
  });
});
