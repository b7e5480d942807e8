// Every liberty must change what a client can observe. Each probe returns true when the target takes
// the freedom: it must not hold on the faithful target and must hold with its liberty switched on.
// (That no scenario fails under a liberty is lib/runner/liberties-run.test.ts.)

import { consultations, expectCatalogueShape, expectEachConsultedOnce } from '../../testing/catalogue.ts';
import { describe, it } from 'vitest';
import { ERS_LIBERTIES, type ErsLiberty } from './liberties.ts';
import { bookBody, bookDirectBody, describeSwitchProbes, ERS_PACKS, ErsClient, F, g0Headers, outcomeKey, type ClientResponse, type ErsProbe } from '../../testing/ers.ts';

const S = F.services;

const is = (res: ClientResponse, status: number, key: string) => res.status === status && outcomeKey(res) === key;
const slotSearch = (c: ErsClient, params: Record<string, string>) =>
  c.g1('GET', `/Slot?${new URLSearchParams({ 'schedule.actor:HealthcareService': S.directlyBookable, status: 'free', ...params }).toString()}`);
const slotsIn = (res: ClientResponse): Array<Record<string, any>> =>
  (res.body?.entry ?? []).map((e: { resource: Record<string, any> }) => e.resource).filter((r: Record<string, any>) => r['resourceType'] === 'Slot');

async function bookFresh(c: ErsClient): Promise<ClientResponse> {
  const slot = await c.takeSlot(S.directlyBookable);
  return c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }));
}

const PROBES: Record<ErsLiberty, ErsProbe> = {
  'ers-legacy-pas-gateway-statuses': async (c) => {
    const timeout = await c.book(bookBody({ ubrn: c.freshUbrn(), slot: await c.takeSlot(S.pasTimeout), serviceId: S.pasTimeout }));
    const error = await c.book(bookBody({ ubrn: c.freshUbrn(), slot: await c.takeSlot(S.pasError), serviceId: S.pasError }));
    return is(timeout, 504, 'PAS_NOT_RESPONDING') && is(error, 502, 'PAS_RESPONDED_WITH_ERROR');
  },
  'ers-legacy-forbidden-403': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }), F.sessionKeys.serviceProviderClinician);
    return is(res, 403, 'FORBIDDEN');
  },
  'ers-legacy-lock-statuses': async (c) => {
    const slot = await c.takeSlot(S.directlyBookable);
    return is(await c.book(bookBody({ ubrn: c.freshUbrn(), version: 2, slot, serviceId: S.directlyBookable })), 409, 'VERSION_CONFLICT');
  },
  'ers-a005-page-statuses': async (c) => is(await c.referral(F.referrals.unknown), 422, 'NO_SUCH_REQUEST'),
  'ers-page-out-of-range-416': async (c) => is(await slotSearch(c, { page: '999' }), 416, 'INVALID_VALUE'),
  'ers-no-location-on-book': async (c) => {
    const res = await bookFresh(c);
    return res.status === 201 && res.headers.get('location') === null;
  },
  'ers-short-pages': async (c) => {
    const res = await slotSearch(c, { _count: '10' });
    return res.status === 200 && res.body.total > 10 && slotsIn(res).length < 10 && res.body.link.some((l: { relation: string }) => l.relation === 'next');
  },
  'ers-slot-bundle-order': async (c) => {
    const res = await slotSearch(c, { _count: '5' });
    const starts = slotsIn(res).map((s) => Date.parse(s['start']));
    return res.body.entry[0].resource.resourceType === 'Schedule' && starts[0]! > starts[starts.length - 1]!;
  },
  'ers-few-free-slots': async (c) => {
    const res = await slotSearch(c, { _count: '100' });
    return res.status === 200 && res.body.total === 5;
  },
  'ers-opaque-appointment-ids': async (c) => {
    const res = await bookFresh(c);
    const read = await c.g2('GET', `/Appointment/${res.body.id}`);
    return res.status === 201 && !/^\d+$/.test(res.body.id) && read.status === 200 && read.body.id === res.body.id;
  },
  'ers-unknown-extensions': async (c) => {
    const res = await bookFresh(c);
    return res.status === 201 && Array.isArray(res.body.extension) && res.body.extension.length > 0;
  },
  'ers-a005-appointment-by-reference-only': async (c) => {
    const res = await c.referral(F.referrals.booked);
    const byReference = (res.body.extension ?? []).some((e: { url: string }) => e.url.endsWith('Extension-eRS-Appointment-Reference-1'));
    const contained = (res.body.contained ?? []).some((r: { resourceType: string }) => r.resourceType === 'Appointment');
    return res.status === 200 && byReference && !contained;
  },
  'ers-a005-legacy-booked-form': async (c) => {
    const hasState = (body: Record<string, any>) => (body.extension ?? []).some((e: { url: string }) => e.url.endsWith('Extension-eRS-ReferralState-1'));
    const g1 = await c.referral(F.referrals.booked);
    const g2 = await c.g2('GET', `/ReferralRequest/${F.referrals.booked}`);
    const booked = (g1.body.contained ?? []).some((r: { resourceType: string; status: string }) => r.resourceType === 'Appointment' && r.status === 'booked');
    // Legacy loses the state extension for the contained booked Appointment; the API platform keeps it.
    return g1.status === 200 && !hasState(g1.body) && booked && hasState(g2.body);
  },
  'ers-extra-response-headers': async (c) => {
    const g1 = await c.referral(c.freshUbrn());
    const g2 = await c.g2('GET', `/ReferralRequest/${c.freshUbrn()}`);
    return g1.headers.get('cache-control') === 'no-cache' && g2.headers.get('access-control-expose-headers') !== null;
  },
  'ers-slot-times-utc': async (c) => {
    const [slot] = slotsIn(await slotSearch(c, { _count: '1' }));
    return slot !== undefined && String(slot['start']).endsWith('Z') && String(slot['end']).endsWith('Z');
  },
  'ers-created-with-offset': async (c) => {
    const res = await bookFresh(c);
    return res.status === 201 && String(res.body.created).endsWith('+00:00');
  },
  'ers-bookdirect-etag-on-200': async (c) => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await c.call('ers-bookdirect', 'POST', `/ReferralRequest/${ubrn}/$ers.bookdirect`, { headers: g0Headers(3), body: bookDirectBody(slot.usrn) });
    return res.status === 200 && res.text === '' && res.headers.get('etag') === 'W/"5"';
  },
  'ers-no-access-forbidden': async (c) => {
    const res = await c.call('ers-a016-apim', 'GET', `/ReferralRequest/${c.freshUbrn()}`);
    return res.status === 401 && outcomeKey(res) === 'NO_ACCESS' && res.body.issue[0].code === 'forbidden';
  },
};

describe('e-RS liberty catalogue', () => {
  const names = ERS_LIBERTIES.map((l) => l.name);

  it('has at least 11 liberties, prefixed ers-, unique, each with the clause that grants it', () => {
    expectCatalogueShape(ERS_LIBERTIES, { min: 11, prefix: 'ers', packs: ERS_PACKS, granted: true });
  });

  it('consults each liberty at exactly one place in the module', () => {
    expectEachConsultedOnce(names, consultations(import.meta.dirname, 'liberty', 'ers', ['liberties.ts']));
  });

  describeSwitchProbes({
    kind: 'liberties',
    names,
    probes: PROBES,
    faithfulAnswer: false,
    titles: { faithful: 'the faithful target does not take it', switched: 'the target takes it with the liberty on' },
  });
});
