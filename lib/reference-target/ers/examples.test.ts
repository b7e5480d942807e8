// The published A016 example requests (legacy pages and the API platform sandbox), adapted to this
// world's ids, must be accepted. The examples live outside the repo, so the test skips without them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bookBody, F, outcomeKey, useErsTarget, type SlotInfo } from '../../testing/ers.ts';

const EXAMPLES = fileURLToPath(new URL('../../../../shared/spec/ers-examples/', import.meta.url));
const APIM_REQUESTS = join(EXAMPLES, 'apim-sandbox-stu3/bookOrDeferAppointment/requests');
const present = existsSync(join(EXAMPLES, 'A016_Request_BOOK.json'));
if (!present) console.warn(`[ers examples] skipped: ${EXAMPLES} is absent (it sits beside the repo, not in it)`);

const S = F.services;

type Json = Record<string, any>;

const load = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

interface Adaptation {
  ubrn: string;
  version: number;
  serviceId: string;
  slot?: SlotInfo;
  /** Write start/end in UTC with milliseconds, the way the legacy examples do. */
  utcTimes?: boolean;
  clinicianId?: string;
}

/** Swap the example's referral, service, patient, slot, times and clinician for this world's, keeping its shape. */
function adapt(example: Json, a: Adaptation): Json {
  const body = structuredClone(example);
  body['incomingReferral'][0].reference = `ReferralRequest/${a.ubrn}/_history/${a.version}`;
  for (const p of body['participant'] as Json[]) {
    const id = p['actor'].identifier;
    if (id.system === 'http://fhir.nhs.net/Id/ers-service') id.value = a.serviceId;
    if (id.system === 'http://fhir.nhs.net/Id/nhs-number') id.value = F.patientNhsNumber;
    if (id.system === 'http://fhir.nhs.net/Id/sds-user-id' && id.value !== null) id.value = a.clinicianId;
  }
  if (body['slot'] && a.slot) body['slot'] = [{ reference: `Slot/${a.slot.id}` }];
  if ('start' in body && a.slot) {
    body['start'] = a.utcTimes ? new Date(a.slot.start).toISOString() : a.slot.start;
    body['end'] = a.utcTimes ? new Date(a.slot.end).toISOString() : a.slot.end;
  }
  return body;
}

describe.skipIf(!present)('official A016 example requests, adapted, are accepted', () => {
  const c = useErsTarget();

  /** A slot another referral has just booked (what a SLOT_NOT_AVAILABLE deferral refers to). */
  async function takenSlot(): Promise<SlotInfo> {
    const slot = await c.takeSlot(S.directlyBookable);
    expect((await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }))).status).toBe(201);
    return slot;
  }

  it('A016_Request_BOOK.json (legacy, UTC times, null clinician) books with 201', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const body = adapt(load(join(EXAMPLES, 'A016_Request_BOOK.json')), { ubrn: c.freshUbrn(), version: 3, serviceId: S.directlyBookable, slot, utcTimes: true });
    const res = await c.book(body);
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('booked');
  });

  it('A016_Request_DEFER.json (legacy, SLOT_NOT_AVAILABLE + slot) defers with 201', async () => {
    const slot = await takenSlot();
    const body = adapt(load(join(EXAMPLES, 'A016_Request_DEFER.json')), { ubrn: c.freshUbrn(), version: 3, serviceId: S.directlyBookable, slot });
    const res = await c.book(body);
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('proposed');
    expect(res.body.slot).toBeUndefined();
  });

  it('every API platform sandbox request is covered below', () => {
    expect(readdirSync(APIM_REQUESTS).sort()).toEqual(
      ['BookingWithNamedClinician.json', 'DeferralBookingAttemptProblem.json', 'DeferralWithSlotReference.json', 'MinimalBooking.json', 'MinimalDeferral.json', 'TriageDeferral.json'],
    );
  });

  const apim = (name: string) => load(join(APIM_REQUESTS, name));
  const post = (body: Json) => c.g2('POST', '/Appointment', { body });

  it('MinimalBooking.json books with 201', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const res = await post(adapt(apim('MinimalBooking.json'), { ubrn: c.freshUbrn(), version: 3, serviceId: S.directlyBookable, slot }));
    expect(res.status, res.text).toBe(201);
  });

  it('BookingWithNamedClinician.json books a clinician slot with 201', async () => {
    const slot = await c.takeSlot(S.namedClinician, { clinician: F.namedClinicianSdsId });
    const body = adapt(apim('BookingWithNamedClinician.json'), {
      ubrn: c.freshUbrn(),
      version: 3,
      serviceId: S.namedClinician,
      slot,
      clinicianId: F.namedClinicianSdsId,
    });
    const res = await post(body);
    expect(res.status, res.text).toBe(201);
  });

  it('MinimalDeferral.json (NO_SLOTS_AT_SERVICE) defers with 201', async () => {
    const res = await post(adapt(apim('MinimalDeferral.json'), { ubrn: c.freshUbrn(), version: 3, serviceId: S.noSlots }));
    expect(res.status, res.text).toBe(201);
  });

  it('DeferralWithSlotReference.json (SLOT_NOT_AVAILABLE + taken slot) defers with 201', async () => {
    const slot = await takenSlot();
    const res = await post(adapt(apim('DeferralWithSlotReference.json'), { ubrn: c.freshUbrn(), version: 3, serviceId: S.directlyBookable, slot }));
    expect(res.status, res.text).toBe(201);
    expect(res.body.slot).toBeUndefined();
  });

  it('DeferralBookingAttemptProblem.json defers with 201 after a PAS timeout', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.pasTimeout);
    expect(outcomeKey(await post(bookBody({ ubrn, slot, serviceId: S.pasTimeout })))).toBe('PAS_NOT_RESPONDING');
    const res = await post(adapt(apim('DeferralBookingAttemptProblem.json'), { ubrn, version: 3, serviceId: S.pasTimeout }));
    expect(res.status, res.text).toBe(201);
  });

  it('TriageDeferral.json (TRIAGE) refers into the triage service with 201', async () => {
    const res = await post(adapt(apim('TriageDeferral.json'), { ubrn: c.freshUbrn(), version: 3, serviceId: S.triage }));
    expect(res.status, res.text).toBe(201);
  });
});
