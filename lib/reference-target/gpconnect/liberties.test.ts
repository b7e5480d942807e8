import { consultations, expectCatalogueShape, expectConsultedExactly, expectEachConsultedOnce } from '../../testing/catalogue.ts';
import { describe, expect, it } from 'vitest';
import { GPC_FIXTURES, NHS_NUMBER_SYSTEM } from './fixtures.ts';
import { GPC_LIBERTIES } from './liberties.ts';
import {
  bookingBody,
  cancellationOf,
  defaultClaims,
  encodeJwt,
  registerPatientBody,
  resourcesOf,
  searchDay,
  spineCode,
  startGpcTarget,
  type GpcClient,
  type GpcResponse,
} from '../../testing/gpconnect.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const MONDAY = '2026-11-23';
const F = GPC_FIXTURES;
const PATIENT = F.registeredPatients[0].id;

type Json = Record<string, any>;
type Probe = (client: GpcClient) => Promise<unknown>;

/** Books the first free slot of Monday, with one change to the valid body. */
async function book(client: GpcClient, change: (body: Json) => Json = (b) => b): Promise<GpcResponse> {
  const { bundle, slots } = await searchDay(client, MONDAY);
  return client.call('book-appointment', { body: change(bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle })) });
}

const metadata = (client: GpcClient) => client.call('metadata');
const readUnknown = (client: GpcClient) => client.call('read-appointment', { path: `/Appointment/${F.unknownAppointmentId}` });
const monday = async (client: GpcClient) => (await client.call('search-slots', { query: new URLSearchParams({ start: `ge${MONDAY}`, end: `le${MONDAY}`, status: 'free', _include: 'Slot:schedule' }) })).body;

// liberty -> [probe, what the faithful provider shows, what the provider taking the liberty shows]
const PROBES: Record<string, [Probe, unknown, unknown]> = {
  'gpc-no-last-updated': [async (c) => {
    const res = await book(c);
    return [res.body.meta.lastUpdated !== undefined, res.headers['last-modified'] !== undefined];
  }, [true, true], [false, true]],
  'gpc-opaque-ids': [async (c) => /^\d+$/.test((await book(c)).body.id), true, false],
  'gpc-opaque-version-ids': [async (c) => {
    const res = await book(c);
    return [/^\d+$/.test(res.body.meta.versionId), res.headers.etag === `W/"${res.body.meta.versionId}"`];
  }, [true, true], [false, true]],
  'gpc-unknown-extensions': [async (c) => (await book(c)).body.extension.length, 1, 2],
  'gpc-appointment-identifier': [async (c) => (await book(c)).body.identifier?.length ?? 0, 0, 1],
  'gpc-schedules-without-practitioner': [async (c) => {
    const schedules = resourcesOf(await monday(c), 'Schedule');
    return schedules.some((s) => s.actor.some((a: Json) => a.reference.startsWith('Practitioner/')));
  }, true, false],
  'gpc-texts-concatenated': [async (c) => {
    const res = await book(c, (b) => ({ ...b, description: 'Review', comment: 'Ground floor please' }));
    return [res.body.description, res.body.comment];
  }, ['Review', 'Ground floor please'], ['Review Ground floor please', undefined]],
  'gpc-long-texts-stored': [async (c) => {
    const res = await book(c, (b) => ({ ...b, description: 'd'.repeat(101) }));
    return res.status === 201 ? res.body.description.length : res.status;
  }, 422, 101],
  'gpc-client-id-ignored': [async (c) => {
    const res = await book(c, (b) => ({ ...b, id: 'my-own-id' }));
    return res.status === 201 ? res.body.id !== 'my-own-id' : res.status;
  }, 400, true],
  'gpc-missing-patient-reference-not-found': [async (c) => {
    const res = await book(c, (b) => ({ ...b, participant: b.participant.map((p: Json) => (p.actor.reference.startsWith('Patient/') ? { ...p, actor: { reference: `Patient/${F.unknownPatientId}` } } : p)) }));
    return [res.status, spineCode(res)];
  }, [422, 'INVALID_RESOURCE'], [422, 'REFERENCE_NOT_FOUND']],
  'gpc-jwt-claim-resource-400': [async (c) => {
    const claims = { ...defaultClaims({ now: NOW, aud: c.baseUrl, scope: 'patient/*.read' }), requesting_device: { resourceType: 'Organization' } };
    const res = await c.call('find-patient', { query: `identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${F.registeredPatients[0].nhsNumber}`)}`, headers: { authorization: `Bearer ${encodeJwt(claims)}` } });
    return [res.status, spineCode(res)];
  }, [422, 'INVALID_RESOURCE'], [400, 'BAD_REQUEST']],
  'gpc-missing-if-match-412': [async (c) => {
    const booked = (await book(c)).body;
    const res = await c.call('amend-appointment', { path: `/Appointment/${booked.id}`, body: { ...booked, description: 'Changed' } });
    return [res.status, spineCode(res)];
  }, [400, 'BAD_REQUEST'], [412, 'BAD_REQUEST']],
  'gpc-range-shape-as-400': [async (c) => {
    const res = await c.call('patient-appointments', { path: `/Patient/${PATIENT}/Appointment`, query: `start=ge${MONDAY}` });
    return [res.status, spineCode(res)];
  }, [422, 'INVALID_PARAMETER'], [400, 'BAD_REQUEST']],
  'gpc-recancel-accepted': [async (c) => {
    const booked = (await book(c)).body;
    const cancelled = (await c.call('cancel-appointment', { path: `/Appointment/${booked.id}`, body: cancellationOf(booked), headers: { 'if-match': `W/"${booked.meta.versionId}"` } })).body;
    const res = await c.call('cancel-appointment', { path: `/Appointment/${booked.id}`, body: cancelled, headers: { 'if-match': `W/"${cancelled.meta.versionId}"` } });
    return res.status === 200 ? [res.status, res.body.status, res.body.meta.versionId === cancelled.meta.versionId] : [res.status, spineCode(res)];
  }, [422, 'INVALID_RESOURCE'], [200, 'cancelled', true]],
  'gpc-capability-format-code': [async (c) => (await metadata(c)).body.format, ['application/fhir+json'], ['json']],
  'gpc-few-free-slots': [async (c) => resourcesOf(await monday(c), 'Slot').length > 15, true, false],
  'gpc-bundle-order': [async (c) => (await monday(c)).entry[0].resource.resourceType, 'Slot', 'Schedule'],
  'gpc-searchset-minimal': [async (c) => {
    const bundle = await monday(c);
    return [bundle.id !== undefined, bundle.total !== undefined, bundle.type];
  }, [true, true, 'searchset'], [false, false, 'searchset']],
  'gpc-json-key-order': [async (c) => Object.keys((await metadata(c)).body).slice(0, 3), ['resourceType', 'version', 'name'], ['resourceType', 'version', 'status']],
  'gpc-extra-headers': [async (c) => (await metadata(c)).headers['x-request-id'], undefined, 'ref-0001'],
  'gpc-content-type-spelling': [async (c) => (await metadata(c)).headers['content-type'], 'application/fhir+json; charset=utf-8', 'application/fhir+json;charset=UTF-8'],
  'gpc-error-system-valueset': [async (c) => (await readUnknown(c)).body.issue[0].details.coding[0].system, 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1', 'https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1'],
  'gpc-500-exception': [async (c) => {
    const res = await c.call('register-patient', { body: registerPatientBody({ nhsNumber: F.pdsUnavailableNhsNumber }) });
    return [res.status, res.body.issue[0].code];
  }, [500, 'processing'], [500, 'exception']],
  'gpc-no-diagnostics-below-422': [async (c) => {
    const [notFound, invalid] = [await readUnknown(c), await book(c, (b) => ({ ...b, reason: [{ text: 'Cough' }] }))];
    return [notFound.body.issue[0].diagnostics !== undefined, invalid.body.issue[0].diagnostics !== undefined];
  }, [true, true], [false, true]],
  'gpc-capability-profiles-top-level': [async (c) => {
    const body = (await metadata(c)).body;
    const appointment = body.rest[0].resource.find((r: Json) => r.type === 'Appointment');
    return [body.profile?.some((p: Json) => p.reference.endsWith('/GPConnect-Appointment-1')) ?? false, appointment.profile !== undefined];
  }, [false, true], [true, false]],
};

async function observe(probe: Probe, liberties: string[]): Promise<unknown> {
  const target = await startGpcTarget({ liberties, now: () => NOW });
  try {
    return await probe(target.client);
  } finally {
    await target.close();
  }
}

describe('liberty catalogue', () => {
  const names = GPC_LIBERTIES.map((l) => l.name);

  it('has at least 16 uniquely named gpc- liberties of this pack, each with the clause that grants it', () => {
    expectCatalogueShape(GPC_LIBERTIES, { min: 16, prefix: 'gpc', packs: ['gpconnect-1.2'], described: true, granted: true });
  });

  it('matches the liberties the code consults, name for name', () => {
    const consulted = consultations(import.meta.dirname, 'liberty', 'gpc');
    expectConsultedExactly(names, consulted);
    expectEachConsultedOnce(names, consulted);
  });

  it('has a probe for every liberty', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...names].sort());
  });
});

describe('every liberty changes what a consumer observes', () => {
  it.each(Object.entries(PROBES))('%s', async (liberty, [probe, faithful, free]) => {
    expect(await observe(probe, []), 'faithful').toEqual(faithful);
    expect(await observe(probe, [liberty]), 'with the liberty').toEqual(free);
  });
});
