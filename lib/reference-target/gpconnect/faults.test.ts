import { consultations, expectCatalogueShape, expectConsultedExactly } from '../../testing/catalogue.ts';
import { describe, expect, it } from 'vitest';
import { GPC_FAULTS } from './faults.ts';
import { GPC_FIXTURES, NHS_NUMBER_SYSTEM } from './fixtures.ts';
import { interaction } from './routes.ts';
import {
  bookFirstFree,
  bookingBody,
  cancellationOf,
  defaultClaims,
  encodeJwt,
  freeSlotQuery,
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
interface ProbeTarget {
  client: GpcClient;
  setNow(d: Date): void;
}
type Probe = (t: ProbeTarget) => Promise<unknown>;

const book = (t: ProbeTarget, opts: Json = {}) => bookFirstFree(t.client, MONDAY, opts);
const search = (t: ProbeTarget, query: string | URLSearchParams) => t.client.call('search-slots', { query });
const findQuery = (nhs: string): string => `identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${nhs}`)}`;
const findPatient = (t: ProbeTarget, headers: Record<string, string | undefined> = {}, nhs: string = F.registeredPatients[0].nhsNumber) =>
  t.client.call('find-patient', { query: findQuery(nhs), headers });
const readUnknown = (t: ProbeTarget) => t.client.call('read-appointment', { path: `/Appointment/${F.unknownAppointmentId}` });
const withJwt = (t: ProbeTarget, claims: Json) =>
  findPatient(t, { authorization: `Bearer ${encodeJwt({ ...defaultClaims({ now: NOW, aud: t.client.baseUrl, scope: 'patient/*.read' }), ...claims })}` });

/** Books with one change to a valid body; answers the status. */
async function bookChanged(t: ProbeTarget, change: (body: Json, slots: Json[]) => Json): Promise<number> {
  const { bundle, slots } = await searchDay(t.client, MONDAY);
  const mine = slots.filter((s) => s.schedule.reference === slots[0].schedule.reference);
  const body = change(bookingBody({ patientId: PATIENT, slots: [mine[0]], bundle }), mine);
  return (await t.client.call('book-appointment', { body })).status;
}

const replacePatient = (b: Json, reference: string): Json => ({
  ...b,
  participant: b.participant.map((p: Json) => (p.actor.reference.startsWith('Patient/') ? { ...p, actor: { reference } } : p)),
});

async function amend(t: ProbeTarget, change: Json, ifMatch?: string): Promise<GpcResponse> {
  const { res } = await book(t);
  const a = res.body;
  return t.client.call('amend-appointment', { path: `/Appointment/${a.id}`, body: { ...a, ...change }, headers: { 'if-match': ifMatch ?? `W/"${a.meta.versionId}"` } });
}

async function cancel(t: ProbeTarget, body?: (a: Json) => Json): Promise<{ res: GpcResponse; appointment: Json; slot: Json }> {
  const { res: booked, slot } = await book(t);
  const a = booked.body;
  const res = await t.client.call('cancel-appointment', { path: `/Appointment/${a.id}`, body: body ? body(a) : cancellationOf(a), headers: { 'if-match': `W/"${a.meta.versionId}"` } });
  return { res, appointment: a, slot };
}

/** A home visit slot, found through a twin target (same seed, same world) that offers them. */
async function bookVisitSlot(t: ProbeTarget): Promise<number> {
  const twin = await startGpcTarget({ now: () => NOW, faults: ['gpc-visit-slots-offered'] });
  try {
    const { bundle, slots } = await searchDay(twin.client, MONDAY);
    const visit = slots.find((s) => s.extension[0].valueCode === 'Visit');
    return (await t.client.call('book-appointment', { body: bookingBody({ patientId: PATIENT, slots: [visit], bundle }) })).status;
  } finally {
    await twin.close();
  }
}

// fault -> [probe, what the faithful provider shows, what the faulty one shows]
const PROBES: Record<string, [Probe, unknown, unknown]> = {
  'gpc-no-location': [async (t) => (await book(t)).res.headers.location !== undefined, true, false],
  'gpc-location-without-history': [async (t) => /\/_history\/1$/.test((await book(t)).res.headers.location ?? ''), true, false],
  'gpc-location-relative': [async (t) => (await book(t)).res.headers.location?.startsWith('http://'), true, false],
  'gpc-strong-etag': [async (t) => (await book(t)).res.headers.etag, 'W/"1"', '"1"'],
  'gpc-etag-not-version': [async (t) => {
    const { res } = await book(t);
    return res.headers.etag === `W/"${res.body.meta.versionId}"`;
  }, true, false],
  'gpc-no-last-modified': [async (t) => (await book(t)).res.headers['last-modified'] !== undefined, true, false],
  'gpc-last-modified-iso': [async (t) => /GMT$/.test((await book(t)).res.headers['last-modified'] ?? ''), true, false],
  'gpc-no-cache-control': [async (t) => (await t.client.call('metadata')).headers['cache-control'], 'no-store', undefined],
  'gpc-no-cache-control-on-errors': [async (t) => (await readUnknown(t)).headers['cache-control'], 'no-store', undefined],
  'gpc-no-version-id': [async (t) => (await book(t)).res.body.meta.versionId, '1', undefined],
  'gpc-no-meta-profile': [async (t) => (await book(t)).res.body.meta.profile?.length, 1, undefined],
  'gpc-wrong-content-type': [async (t) => (await t.client.call('metadata')).headers['content-type'], 'application/fhir+json; charset=utf-8', 'application/json; charset=utf-8'],
  'gpc-prefer-ignored': [async (t) => {
    const { bundle, slots } = await searchDay(t.client, MONDAY);
    const res = await t.client.call('book-appointment', { body: bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle }), headers: { prefer: 'return=minimal' } });
    return res.body === undefined;
  }, true, false],
  'gpc-create-answers-200': [async (t) => (await book(t)).res.status, 201, 200],
  'gpc-booked-as-pending': [async (t) => (await book(t)).res.body.status, 'booked', 'pending'],
  'gpc-slot-reference-dropped': [async (t) => (await book(t)).res.body.slot?.length, 1, undefined],
  'gpc-practitioner-participant-dropped': [async (t) => (await book(t)).res.body.participant.map((p: Json) => p.actor.reference.split('/')[0]), ['Patient', 'Location', 'Practitioner'], ['Patient', 'Location']],
  'gpc-duplicate-as-422': [async (t) => {
    const { body } = await book(t);
    return (await t.client.call('book-appointment', { body })).status;
  }, 409, 422],
  'gpc-double-booking': [async (t) => {
    const { body } = await book(t);
    return (await t.client.call('book-appointment', { body })).status;
  }, 409, 201],
  'gpc-race-unguarded': [async (t) => {
    const { bundle, slots } = await searchDay(t.client, MONDAY);
    const body = bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.client.call('book-appointment', { body })));
    return results.filter((r) => r.status === 201).length > 1;
  }, false, true],
  'gpc-reason-accepted': [(t) => bookChanged(t, (b) => ({ ...b, reason: [{ text: 'Cough' }] })), 422, 201],
  'gpc-past-start-accepted': [async (t) => {
    const { bundle, slots } = await searchDay(t.client, MONDAY);
    t.setNow(new Date('2026-11-23T12:00:00Z'));
    return (await t.client.call('book-appointment', { body: bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle }) })).status;
  }, 422, 201],
  'gpc-slot-times-not-matched': [(t) => bookChanged(t, (b) => ({ ...b, start: b.start.replace(':00+', ':01+') })), 422, 201],
  'gpc-unknown-slot-500': [(t) => bookChanged(t, (b) => ({ ...b, slot: [{ reference: `Slot/${F.unknownSlotId}` }] })), 422, 500],
  'gpc-non-adjacent-slots-accepted': [(t) => bookChanged(t, (b, s) => ({ ...b, slot: [{ reference: `Slot/${s[0]!.id}` }, { reference: `Slot/${s[2]!.id}` }], end: s[2]!.end })), 422, 201],
  'gpc-absolute-reference-accepted': [(t) => bookChanged(t, (b) => replacePatient(b, `${t.client.baseUrl}/Patient/${PATIENT}`)), 422, 201],
  'gpc-booking-org-not-checked': [(t) => bookChanged(t, (b) => ({ ...b, contained: undefined, extension: undefined })), 422, 201],
  'gpc-visit-slot-bookable': [bookVisitSlot, 422, 201],
  'gpc-unregistered-patient-bookable': [(t) => bookChanged(t, (b) => replacePatient(b, `Patient/${F.unknownPatientId}`)), 422, 201],
  'gpc-client-id-kept': [async (t) => {
    const { bundle, slots } = await searchDay(t.client, MONDAY);
    const res = await t.client.call('book-appointment', { body: { ...bookingBody({ patientId: PATIENT, slots: [slots[0]], bundle }), id: 'my-own-id' } });
    return res.status === 201 ? res.body.id : res.status;
  }, 400, 'my-own-id'],
  'gpc-description-truncated': [async (t) => (await book(t, { description: 'y'.repeat(80) })).res.body.description.length, 80, 50],
  'gpc-comment-invented': [async (t) => (await book(t)).res.body.comment, undefined, 'Review of repeat medication'],
  'gpc-comment-dropped': [async (t) => (await book(t, { comment: 'Side door' })).res.body.comment, 'Side door', undefined],
  'gpc-booking-times-compared-in-utc': [async (t) => (await book(t)).res.status, 201, 422],
  'gpc-include-schedule-optional': [async (t) => (await search(t, `start=ge${MONDAY}&end=le${MONDAY}&status=free`)).status, 400, 200],
  'gpc-range-limit-not-enforced': [async (t) => (await search(t, freeSlotQuery('2026-11-20', '2026-12-05'))).status, 422, 200],
  'gpc-slots-outside-range': [async (t) => {
    const res = await search(t, freeSlotQuery(`${MONDAY}T09:05:00+00:00`, `${MONDAY}T10:00:00+00:00`));
    return resourcesOf(res.body, 'Slot').some((s) => Date.parse(s.start) < Date.parse(`${MONDAY}T09:05:00Z`));
  }, false, true],
  'gpc-organization-not-included': [async (t) => resourcesOf((await searchDay(t.client, MONDAY)).bundle, 'Organization').length > 0, true, false],
  'gpc-actors-always-included': [async (t) => resourcesOf((await searchDay(t.client, MONDAY)).bundle, 'Practitioner').length > 0, false, true],
  'gpc-visit-slots-offered': [async (t) => (await searchDay(t.client, MONDAY)).slots.some((s) => s.extension[0].valueCode === 'Visit'), false, true],
  'gpc-busy-slots-offered': [async (t) => (await searchDay(t.client, MONDAY)).slots.some((s) => s.status === 'busy'), false, true],
  'gpc-status-not-required': [async (t) => (await search(t, `start=ge${MONDAY}&end=le${MONDAY}&_include=Slot:schedule`)).status, 400, 200],
  'gpc-prefix-not-checked': [async (t) => (await search(t, `start=${MONDAY}&end=${MONDAY}&status=free&_include=Slot:schedule`)).status, 422, 200],
  'gpc-unknown-search-filter-rejected': [async (t) => (await search(t, freeSlotQuery(MONDAY, MONDAY, { searchFilter: 'https://example.org/x|1' }))).status, 200, 422],
  'gpc-slot-times-utc': [async (t) => (await searchDay(t.client, MONDAY)).slots[0].start.endsWith('+00:00'), true, false],
  'gpc-end-bound-ignored': [async (t) => (await searchDay(t.client, MONDAY)).slots.every((s) => s.end.startsWith(MONDAY)), true, false],
  'gpc-schedules-deduplicated-by-location': [async (t) => {
    const { bundle, slots } = await searchDay(t.client, MONDAY);
    const schedules = resourcesOf(bundle, 'Schedule').map((s) => `Schedule/${s.id}`);
    return slots.every((s) => schedules.includes(s.schedule.reference));
  }, true, false],
  'gpc-only-first-recurse-include': [async (t) => {
    const query = freeSlotQuery(MONDAY, MONDAY);
    query.append('_include:recurse', 'Schedule:actor:Practitioner');
    query.append('_include:recurse', 'Schedule:actor:Location');
    const res = await search(t, query);
    return ['Practitioner', 'Location'].map((type) => resourcesOf(res.body, type).length > 0);
  }, [true, true], [true, false]],
  'gpc-slot-service-type-coded': [async (t) => (await searchDay(t.client, MONDAY)).slots[0].serviceType[0].text !== undefined, true, false],
  'gpc-planning-horizon-date-only': [async (t) => resourcesOf((await searchDay(t.client, MONDAY)).bundle, 'Schedule')[0].planningHorizon.start.endsWith('+00:00'), true, false],
  'gpc-held-slots-offered': [async (t) => (await searchDay(t.client, MONDAY)).slots.some((s) => s.start.includes('T11:45:')), false, true],
  'gpc-no-slots-404': [async (t) => (await search(t, freeSlotQuery(`${MONDAY}T02:00:00+00:00`, `${MONDAY}T03:00:00+00:00`))).status, 200, 404],
  'gpc-read-unknown-as-400': [async (t) => (await readUnknown(t)).status, 404, 400],
  'gpc-read-no-etag': [async (t) => {
    const { res } = await book(t);
    return (await t.client.call('read-appointment', { path: `/Appointment/${res.body.id}` })).headers.etag;
  }, 'W/"1"', undefined],
  'gpc-if-match-ignored': [async (t) => (await amend(t, { description: 'stale' }, 'W/"7"')).status, 409, 200],
  'gpc-if-match-mismatch-412': [async (t) => (await amend(t, { description: 'stale' }, 'W/"7"')).status, 409, 412],
  'gpc-version-not-incremented': [async (t) => (await amend(t, { description: 'new' })).body.meta.versionId, '2', '1'],
  'gpc-amend-any-field': [async (t) => (await amend(t, { minutesDuration: 45 })).status, 422, 200],
  'gpc-cancelled-amendable': [async (t) => {
    const { res } = await cancel(t);
    const a = res.body;
    return (await t.client.call('amend-appointment', { path: `/Appointment/${a.id}`, body: { ...a, description: 'again' }, headers: { 'if-match': `W/"${a.meta.versionId}"` } })).status;
  }, 422, 200],
  'gpc-cancel-reason-optional': [async (t) => (await cancel(t, (a) => ({ ...a, status: 'cancelled' }))).res.status, 422, 200],
  'gpc-slot-not-freed-on-cancel': [async (t) => {
    const { slot } = await cancel(t);
    return (await searchDay(t.client, MONDAY)).slots.some((s) => s.id === slot.id);
  }, true, false],
  'gpc-recancel-frees-slots': [async (t) => {
    // Cancel, book the freed slot again, cancel the first appointment again: is the slot offered while booked?
    const { res, slot } = await cancel(t);
    const rebooked = await book(t);
    if (rebooked.slot.id !== slot.id || rebooked.res.status !== 201) throw new Error('the freed slot was not booked again');
    await t.client.call('cancel-appointment', { path: `/Appointment/${res.body.id}`, body: res.body, headers: { 'if-match': `W/"${res.body.meta.versionId}"` } });
    return (await searchDay(t.client, MONDAY)).slots.some((s) => s.id === slot.id);
  }, false, true],
  'gpc-cancelled-appointments-hidden': [async (t) => {
    await cancel(t);
    const res = await t.client.call('patient-appointments', { path: `/Patient/${PATIENT}/Appointment`, query: `start=ge2026-11-20&start=le${MONDAY}` });
    return res.body.total;
  }, 1, 0],
  'gpc-appointment-range-not-checked': [async (t) => (await t.client.call('patient-appointments', { path: `/Patient/${PATIENT}/Appointment`, query: 'start=ge2026-11-24&start=le2026-11-21' })).status, 422, 200],
  'gpc-register-duplicate-accepted': [async (t) => (await t.client.call('register-patient', { body: registerPatientBody({ nhsNumber: F.registeredPatients[0].nhsNumber }) })).status, 409, 200],
  'gpc-invalid-nhs-number-accepted': [async (t) => (await findPatient(t, {}, F.invalidNhsNumber)).status, 400, 200],
  'gpc-deceased-registrable': [async (t) => (await t.client.call('register-patient', { body: registerPatientBody({ nhsNumber: F.deceasedNhsNumber }) })).status, 400, 200],
  'gpc-register-returns-201': [async (t) => (await t.client.call('register-patient', { body: registerPatientBody({ nhsNumber: F.registrableNhsNumbers[0] }) })).status, 200, 201],
  'gpc-find-inactive-patients': [async (t) => (await findPatient(t, {}, F.inactivePatient.nhsNumber)).body.total, 0, 1],
  'gpc-unknown-patient-404': [async (t) => (await findPatient(t, {}, F.registrableNhsNumbers[0])).status, 200, 404],
  'gpc-patient-name-no-use': [async (t) => (await findPatient(t)).body.entry[0].resource.name[0].use, 'official', undefined],
  'gpc-ssp-headers-not-checked': [async (t) => (await findPatient(t, { 'ssp-traceid': undefined })).status, 400, 200],
  'gpc-ssp-to-not-checked': [async (t) => (await findPatient(t, { 'ssp-to': '918999198999' })).status, 400, 200],
  'gpc-interaction-id-not-matched': [async (t) => (await findPatient(t, { 'ssp-interactionid': interaction('read-patient').id })).status, 400, 200],
  'gpc-jwt-not-checked': [async (t) => (await findPatient(t, { authorization: undefined })).status, 400, 200],
  'gpc-jwt-expiry-not-checked': [async (t) => (await withJwt(t, { iat: NOW.getTime() / 1000 - 600, exp: NOW.getTime() / 1000 - 300 })).status, 400, 200],
  'gpc-jwt-lifetime-not-checked': [async (t) => (await withJwt(t, { exp: NOW.getTime() / 1000 + 3600 })).status, 400, 200],
  'gpc-scope-not-checked': [async (t) => (await withJwt(t, { requested_scope: 'organization/*.read' })).status, 400, 200],
  'gpc-format-ignored': [async (t) => (await t.client.call('find-patient', { query: `${findQuery(F.registeredPatients[0].nhsNumber)}&_format=xml` })).status, 415, 200],
  'gpc-unsupported-format-accepted': [async (t) => (await findPatient(t, { accept: 'text/html' })).status, 415, 200],
  'gpc-wrong-error-system': [async (t) => (await readUnknown(t)).body.issue[0].details.coding[0].system, 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1', 'http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1'],
  'gpc-outcome-without-details': [async (t) => spineCode(await readUnknown(t)), 'NO_RECORD_FOUND', undefined],
  'gpc-outcome-no-profile': [async (t) => (await readUnknown(t)).body.meta?.profile?.[0], 'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1', undefined],
  'gpc-metadata-wrong-fhir-version': [async (t) => (await t.client.call('metadata')).body.fhirVersion, '3.0.1', '4.0.1'],
  'gpc-metadata-base-profiles': [async (t) => (await t.client.call('metadata')).body.rest[0].resource.find((r: Json) => r.type === 'Appointment').profile.reference,
    'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1', 'http://hl7.org/fhir/StructureDefinition/Appointment'],
  'gpc-metadata-no-register-operation': [async (t) => (await t.client.call('metadata')).body.rest[0].operation?.[0]?.name, 'gpc.registerpatient', undefined],
};

async function observe(probe: Probe, faults: string[]): Promise<unknown> {
  let now = NOW;
  const target = await startGpcTarget({ faults, now: () => now });
  try {
    return await probe({ client: target.client, setNow: (d) => (now = d) });
  } finally {
    await target.close();
  }
}

describe('fault catalogue', () => {
  const names = GPC_FAULTS.map((f) => f.name);

  it('has at least 30 uniquely named gpc- faults of this pack, each described', () => {
    expectCatalogueShape(GPC_FAULTS, { min: 30, prefix: 'gpc', packs: ['gpconnect-1.2'], described: true });
  });

  it('matches the faults the code checks, name for name', () => {
    expectConsultedExactly(names, consultations(import.meta.dirname, 'fault', 'gpc'));
  });

  it('has a probe for every fault', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...names].sort());
  });
});

describe('every fault changes what a consumer observes', () => {
  it.each(Object.entries(PROBES))('%s', async (fault, [probe, faithful, faulty]) => {
    expect(await observe(probe, []), 'faithful').toEqual(faithful);
    expect(await observe(probe, [fault]), 'with the fault').toEqual(faulty);
  });
});

