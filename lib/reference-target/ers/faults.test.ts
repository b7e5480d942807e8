// Every fault must change what a client can observe. Each probe returns true when the target behaves as
// the specification requires: it must hold on the faithful target and fail with its fault switched on.

import { consultations, expectCatalogueShape, expectEachConsultedOnce } from '../../testing/catalogue.ts';
import { describe, it } from 'vitest';
import { ERS_FAULTS, type ErsFault } from './faults.ts';
import {
  bookBody,
  bookDirectBody,
  deferBody,
  describeSwitchProbes,
  ERS_PACKS,
  ErsClient,
  F,
  g0Headers,
  g1Headers,
  g2Headers,
  lockRace,
  outcomeKey,
  referralState,
  referralVersionIn,
  type ClientResponse,
  type ErsProbe,
} from '../../testing/ers.ts';

const S = F.services;

const is = (res: ClientResponse, status: number, key?: string) => res.status === status && (key === undefined || outcomeKey(res) === key);
const slotSearch = (c: ErsClient, params: Record<string, string>) => c.g1('GET', `/Slot?${new URLSearchParams(params).toString()}`);
const g2Book = (c: ErsClient, body: unknown) => c.g2('POST', '/Appointment', { body });
/** G2 makes every slot-search parameter but the practitioner mandatory. */
const g2SearchQuery = (serviceId: string, over: Record<string, string> = {}) =>
  new URLSearchParams({ 'schedule.actor:HealthcareService': serviceId, appointmentType: 'ROUTINE', status: 'free', _count: '10', page: '1', ...over }).toString();
const bookdirect = (c: ErsClient, ubrn: string, body: unknown, headers: Record<string, string>) =>
  c.call('ers-bookdirect', 'POST', `/ReferralRequest/${ubrn}/$ers.bookdirect`, { headers, body });

async function bookFresh(c: ErsClient, serviceId: string = S.directlyBookable): Promise<{ ubrn: string; res: ClientResponse }> {
  const ubrn = c.freshUbrn();
  const slot = await c.takeSlot(serviceId);
  return { ubrn, res: await c.book(bookBody({ ubrn, slot, serviceId })) };
}

async function takenSlotId(c: ErsClient): Promise<string> {
  const slot = await c.takeSlot(S.directlyBookable);
  await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }));
  return slot.id;
}

const PROBES: Record<ErsFault, ErsProbe> = {
  'ers-version-not-incremented': async (c) => {
    const { ubrn, res } = await bookFresh(c);
    const after = await c.referral(ubrn);
    return res.status === 201 && referralVersionIn(res.body) > 3 && Number(after.body.meta.versionId) > 3;
  },
  'ers-start-end-not-checked': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const moved = { ...slot, start: new Date(Date.parse(slot.start) - 3_600_000).toISOString() };
    return is(await c.book(bookBody({ ubrn: c.freshUbrn(), slot: moved, serviceId: S.directlyBookable })), 422, 'INAPPROPRIATE_VALUE');
  },
  'ers-shortlist-not-checked': async (c) => {
    const slot = await c.takeSlot(S.notOnShortlist);
    return is(await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.notOnShortlist })), 422, 'INAPPROPRIATE_VALUE');
  },
  'ers-clinician-not-checked': async (c) => {
    const slot = await c.takeSlot(S.namedClinician, { noClinician: true });
    return is(await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.namedClinician, clinicianId: F.namedClinicianSdsId })), 422, 'INAPPROPRIATE_SLOT');
  },
  'ers-booked-referral-rebookable': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await c.book(bookBody({ ubrn: F.referrals.booked, version: 5, slot, serviceId: S.directlyBookable })), 422, 'INVALID_REQUEST_STATE');
  },
  'ers-stale-version-accepted': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await c.book(bookBody({ ubrn: c.freshUbrn(), version: 2, slot, serviceId: S.directlyBookable })), 422, 'VERSION_CONFLICT');
  },
  'ers-no-lock': async (c) => {
    const { first, second } = await lockRace(c);
    await first;
    return is(second, 422, 'REFERRAL_LOCKED');
  },
  'ers-pas-timeout-as-500': async (c) => is((await bookFresh(c, S.pasTimeout)).res, 422, 'PAS_NOT_RESPONDING'),
  'ers-pas-error-slot-still-listed': async (c) => {
    const slot = await c.takeSlot(S.pasError);
    await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.pasError }));
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.pasError, _count: '100' });
    return !res.body.entry.some((e: any) => e.resource.id === slot.id);
  },
  'ers-forbidden-not-checked': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), F.sessionKeys.serviceProviderClinician), 422, 'FORBIDDEN');
  },
  'ers-appointment-no-version-id': async (c) => {
    const { res } = await bookFresh(c);
    return res.status === 201 && typeof res.body.meta.versionId === 'string' && res.headers.get('etag') === `W/"${res.body.meta.versionId}"`;
  },
  'ers-admin-role-refused': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const search = await c.g1('GET', `/Slot?schedule.actor%3AHealthcareService=${S.directlyBookable}`, { session: F.sessionKeys.referringClinicianAdmin });
    const booked = await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), F.sessionKeys.referringClinicianAdmin);
    return search.status === 200 && booked.status === 201;
  },
  'ers-book-echoes-request': async (c) => {
    const { res } = await bookFresh(c);
    return res.status === 201 && /^\d+$/.test(res.body.id ?? '') && typeof res.body.created === 'string';
  },
  'ers-service-display-not-added': async (c) => {
    const { res } = await bookFresh(c);
    return res.status === 201 && typeof res.body.participant[0].actor.display === 'string';
  },
  'ers-appointment-times-without-offset': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }));
    return res.status === 201 && res.body.start === slot.start && res.body.end === slot.end;
  },
  'ers-booked-slot-still-listed': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }));
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable, _count: '100' });
    return res.status === 200 && !res.body.entry.some((e: any) => e.resource.id === slot.id);
  },
  'ers-clinician-participant-dropped': async (c) => {
    const slot = await c.takeSlot(S.namedClinician, { clinician: F.namedClinicianSdsId });
    const res = await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.namedClinician, clinicianId: F.namedClinicianSdsId }));
    return res.status === 201 && res.body.participant.some((p: any) => p.actor.identifier.value === F.namedClinicianSdsId);
  },
  'ers-null-clinician-rejected': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const body = bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable });
    (body['participant'] as unknown[]).push({ actor: { identifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: null } }, status: 'accepted' });
    return (await c.book(body)).status === 201;
  },
  'ers-slot-returned-on-defer': async (c) => {
    const slotId = await takenSlotId(c);
    const res = await c.book(deferBody({ ubrn: c.freshUbrn(), serviceId: S.directlyBookable, reason: 'SLOT_NOT_AVAILABLE', slotId }));
    return res.status === 201 && res.body.slot === undefined;
  },
  'ers-defer-while-slots-exist': async (c) =>
    is(await c.book(deferBody({ ubrn: c.freshUbrn(), serviceId: S.directlyBookable, reason: 'NO_SLOTS_AT_SERVICE' })), 422, 'SLOTS_CURRENTLY_AVAILABLE'),
  'ers-defer-slot-availability-not-checked': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await c.book(deferBody({ ubrn: c.freshUbrn(), serviceId: S.directlyBookable, reason: 'SLOT_NOT_AVAILABLE', slotId: slot.id }));
    return is(res, 422, 'THIS_SLOT_IS_AVAILABLE');
  },
  'ers-no-location-on-defer': async (c) => {
    const res = await c.book(deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' }));
    return res.status === 201 && res.headers.get('location') === `${c.ref.bases['ers-a016']}/Appointment/${res.body.id}/_history/${res.body.meta.versionId}`;
  },
  'ers-comment-length-not-checked': async (c) =>
    is(await c.book(deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE', comment: 'c'.repeat(1001) })), 422, 'INVALID_VALUE'),
  'ers-comment-limit-off-by-one': async (c) =>
    (await c.book(deferBody({ ubrn: c.freshUbrn(), serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE', comment: 'c'.repeat(1000) }))).status === 201,
  'ers-defer-state-not-updated': async (c) => {
    const ubrn = c.freshUbrn();
    await c.book(deferBody({ ubrn, serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' }));
    return referralState((await c.referral(ubrn)).body) === 'DEFERRED_TO_PROVIDER';
  },
  'ers-wrong-outcome-key': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }));
    return is(await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable })), 422, 'SLOT_NOT_AVAILABLE');
  },
  'ers-outcome-wrong-system': async (c) => {
    const res = await c.referral(F.referrals.unknown);
    return res.body.issue[0].details.coding[0].system === 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1';
  },
  'ers-etag-not-version': async (c) => {
    const res = await c.referral(c.freshUbrn());
    return res.headers.get('etag') === `W/"${res.body.meta.versionId}"`;
  },
  'ers-referral-no-version-id': async (c) => (await c.referral(c.freshUbrn())).body.meta.versionId === String(F.referrals.poolVersion),
  'ers-referral-state-code-is-display': async (c) => referralState((await c.referral(c.freshUbrn())).body) === 'NOT_BOOKED',
  'ers-booked-referral-no-appointment': async (c) => {
    const { ubrn, res } = await bookFresh(c);
    const after = await c.referral(ubrn);
    return after.body.extension.some((e: any) => e.valueReference?.reference === `Appointment/${res.body.id}`);
  },
  'ers-slot-times-without-offset': async (c) => {
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable });
    const slot = res.body.entry[0].resource;
    return /[+-]\d{2}:\d{2}$|Z$/.test(slot.start) && /[+-]\d{2}:\d{2}$|Z$/.test(slot.end);
  },
  'ers-self-link-echoes-unknown-params': async (c) => {
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable, colour: 'blue' });
    return res.status === 200 && !res.body.link.find((l: any) => l.relation === 'self').url.includes('colour');
  },
  'ers-paging-links-same-page': async (c) => {
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable, _count: '5', page: '2' });
    const url = (rel: string) => res.body.link.find((l: any) => l.relation === rel)?.url ?? '';
    return url('previous').endsWith('page=1') && url('next').endsWith('page=3');
  },
  'ers-self-link-without-include': async (c) => {
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable });
    return res.body.link.find((l: any) => l.relation === 'self').url.includes('_include=Slot%3Aschedule');
  },
  'ers-count-not-validated': async (c) => is(await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable, _count: '500' }), 422, 'INVALID_VALUE'),
  'ers-empty-search-as-404': async (c) => {
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.noSlots });
    return res.status === 200 && res.body.total === 0;
  },
  'ers-schedule-not-included': async (c) => {
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable });
    return res.body.entry.some((e: any) => e.resource.resourceType === 'Schedule' && e.search.mode === 'include');
  },
  'ers-page-out-of-range-empty': async (c) =>
    is(await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable, _count: '100', page: '99' }), 422, 'INVALID_VALUE'),
  'ers-next-link-on-last-page': async (c) => {
    const first = await slotSearch(c, { 'schedule.actor:HealthcareService': S.notOnShortlist, _count: '50' });
    const last = Math.ceil(first.body.total / 50);
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.notOnShortlist, _count: '50', page: String(last) });
    return res.status === 200 && !res.body.link.some((l: any) => l.relation === 'next');
  },
  'ers-slot-identifier-wrong-system': async (c) => {
    const res = await slotSearch(c, { 'schedule.actor:HealthcareService': S.directlyBookable });
    return res.body.entry[0].resource.identifier[0].system === 'https://fhir.nhs.uk/Id/alternative-slot';
  },
  'ers-comm-rule-org-not-required': async (c) => {
    const { 'X-ERS-XAPI-COMM-RULE-ORG': _rule, ...headers } = g1Headers();
    const res = await c.call('ers-a016', 'GET', `/Slot?schedule.actor%3AHealthcareService=${S.directlyBookable}`, { headers });
    return is(res, 422, 'MISSING_PARAMETER');
  },
  'ers-apim-correlation-id-not-echoed': async (c) => {
    const res = await c.g2('GET', `/ReferralRequest/${c.freshUbrn()}`, { headers: { 'X-Correlation-ID': 'probe-1' } });
    return res.headers.get('x-correlation-id') === 'probe-1';
  },
  'ers-apim-no-request-id': async (c) => Boolean((await c.g2('GET', `/ReferralRequest/${c.freshUbrn()}`)).headers.get('x-request-id')),
  'ers-apim-conflict-as-422': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await g2Book(c, bookBody({ ubrn: c.freshUbrn(), version: 1, slot, serviceId: S.directlyBookable })), 409, 'VERSION_CONFLICT');
  },
  'ers-apim-pas-error-as-422': async (c) => {
    const slot = await c.takeSlot(S.pasError);
    return is(await g2Book(c, bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.pasError })), 502, 'PAS_RESPONDED_WITH_ERROR');
  },
  'ers-apim-pas-timeout-as-422': async (c) => {
    const slot = await c.takeSlot(S.pasTimeout);
    return is(await g2Book(c, bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.pasTimeout })), 504, 'PAS_NOT_RESPONDING');
  },
  'ers-apim-locked-as-422': async (c) => {
    const { first, second } = await lockRace(c, (body) => g2Book(c, body));
    await first;
    return is(second, 423, 'REFERRAL_LOCKED');
  },
  'ers-apim-forbidden-as-business-error': async (c) => {
    const fn = F.apim.businessFunctions.serviceProviderClinician;
    const search = await c.g2('GET', `/Slot?${g2SearchQuery(S.directlyBookable)}`, { businessFunction: fn });
    const slot = await c.takeSlot(S.directlyBookable);
    const booked = await c.g2('POST', '/Appointment', { body: bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), businessFunction: fn });
    return is(search, 403, 'FORBIDDEN') && is(booked, 403, 'FORBIDDEN');
  },
  'ers-apim-slot-search-errors-as-422': async (c) => is(await c.g2('GET', `/Slot?${g2SearchQuery(S.directlyBookable, { _count: '0' })}`), 400, 'INVALID_VALUE'),
  'ers-apim-business-rule-as-409': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await g2Book(c, bookBody({ ubrn: F.referrals.booked, version: 5, slot, serviceId: S.directlyBookable })), 422, 'INVALID_REQUEST_STATE');
  },
  'ers-apim-validation-as-400': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await g2Book(c, { ...bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), description: 'Cardiology appointment' }), 422, 'INVALID_VALUE');
  },
  'ers-apim-missing-token-as-403': async (c) => {
    const { Authorization: _token, ...headers } = g2Headers();
    return is(await c.call('ers-a016-apim', 'GET', `/ReferralRequest/${c.freshUbrn()}`, { headers }), 401, 'NO_ACCESS');
  },
  'ers-apim-missing-ods-as-403': async (c) => {
    const { 'NHSD-End-User-Organisation-ODS': _ods, ...headers } = g2Headers();
    return is(await c.call('ers-a016-apim', 'GET', `/ReferralRequest/${c.freshUbrn()}`, { headers }), 400, 'MISSING_HEADER');
  },
  'ers-apim-strong-etag': async (c) => {
    const res = await c.g2('GET', `/ReferralRequest/${c.freshUbrn()}`);
    return res.headers.get('etag') === `W/"${res.body.meta.versionId}"`;
  },
  'ers-apim-history-ignores-version': async (c) => is(await c.g2('GET', `/ReferralRequest/${c.freshUbrn()}/_history/1`), 404, 'HISTORY_NOT_SUPPORTED'),
  'ers-apim-a038-etag-not-version': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const booked = await g2Book(c, bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }));
    const res = await c.g2('GET', `/Appointment/${booked.body.id}`);
    return res.status === 200 && res.headers.get('etag') === `W/"${res.body.meta.versionId}"`;
  },
  'ers-apim-empty-search-as-404': async (c) => {
    const res = await c.g2('GET', `/Slot?${g2SearchQuery(S.noSlots)}`);
    return res.status === 200 && res.body.total === 0;
  },
  'ers-apim-response-quotes-request-version': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await g2Book(c, bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }));
    return res.status === 201 && referralVersionIn(res.body) > F.referrals.poolVersion;
  },
  'ers-apim-clinician-participant-dropped': async (c) => {
    const slot = await c.takeSlot(S.namedClinician, { clinician: F.namedClinicianSdsId });
    const res = await g2Book(c, bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.namedClinician, clinicianId: F.namedClinicianSdsId }));
    return res.status === 201 && res.body.participant.some((p: any) => p.actor.identifier.value === F.namedClinicianSdsId);
  },
  'ers-apim-defer-state-not-updated': async (c) => {
    const ubrn = c.freshUbrn();
    await g2Book(c, deferBody({ ubrn, serviceId: S.noSlots, reason: 'NO_SLOTS_AT_SERVICE' }));
    return referralState((await c.referral(ubrn)).body) === 'DEFERRED_TO_PROVIDER';
  },
  'ers-apim-triage-rejected': async (c) =>
    (await g2Book(c, deferBody({ ubrn: c.freshUbrn(), serviceId: S.triage, reason: 'TRIAGE' }))).status === 201,
  'ers-bookdirect-if-match-ignored': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const missing = await bookdirect(c, c.freshUbrn(), bookDirectBody(slot.usrn), g0Headers());
    const stale = await bookdirect(c, c.freshUbrn(), bookDirectBody(slot.usrn), g0Headers(1));
    return is(missing, 400, 'MISSING_HEADER') && is(stale, 409, 'VERSION_CONFLICT');
  },
  'ers-bookdirect-body-on-200': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await bookdirect(c, c.freshUbrn(), bookDirectBody(slot.usrn), g0Headers(3));
    return res.status === 200 && res.text === '';
  },
  'ers-bookdirect-not-booked': async (c) => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await bookdirect(c, ubrn, bookDirectBody(slot.usrn), g0Headers(3));
    return res.status === 200 && referralState((await c.referral(ubrn)).body) === 'BOOKED';
  },
  'ers-bookdirect-json-fhir-not-acceptable': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await bookdirect(c, c.freshUbrn(), bookDirectBody(slot.usrn), { ...g0Headers(3), Accept: 'application/json+fhir' });
    return res.status === 200;
  },
  'ers-bookdirect-a016-status-table': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await bookdirect(c, F.referrals.unknown, bookDirectBody(slot.usrn), g0Headers(3)), 404, 'NO_SUCH_REQUEST');
  },
  'ers-bookdirect-unknown-usrn-as-404': async (c) =>
    is(await bookdirect(c, c.freshUbrn(), bookDirectBody('00000000-0000-0000-0000-000000000000'), g0Headers(3)), 422, 'REFERENCE_NOT_FOUND'),
  'ers-bookdirect-validation-as-400': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await bookdirect(c, c.freshUbrn(), { ...bookDirectBody(slot.usrn), resourceType: 'Appointment' }, g0Headers(3)), 422, 'INVALID_VALUE');
  },
};

describe('e-RS fault catalogue', () => {
  const names = ERS_FAULTS.map((f) => f.name);

  it('has at least 20 faults, all prefixed ers- and unique', () => {
    expectCatalogueShape(ERS_FAULTS, { min: 20, prefix: 'ers', packs: ERS_PACKS, described: true });
  });

  it('consults each fault at exactly one place in the module', () => {
    expectEachConsultedOnce(names, consultations(import.meta.dirname, 'fault', 'ers', ['faults.ts']));
  });

  describeSwitchProbes({
    kind: 'faults',
    names,
    probes: PROBES,
    faithfulAnswer: true,
    titles: { faithful: 'the probe holds on the faithful target', switched: 'the probe fails with the fault on' },
  });
});
