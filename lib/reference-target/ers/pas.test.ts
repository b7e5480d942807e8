import { describe, expect, it } from 'vitest';
import { bookBody, F, lockRace, outcomeKey, PAS_WINDOW_MS, referralState, useErsTarget } from '../../testing/ers.ts';

const S = F.services;

describe('simulated provider PAS and the referral lock (G1)', () => {
  const c = useErsTarget();

  it('PAS_NOT_RESPONDING (422) only after the booking window; the referral stays unbooked and the slot stays offered', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.pasTimeout);
    const t0 = Date.now();
    const res = await c.book(bookBody({ ubrn, slot, serviceId: S.pasTimeout }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(PAS_WINDOW_MS - 10);
    expect(res.status).toBe(422);
    expect(outcomeKey(res)).toBe('PAS_NOT_RESPONDING');
    expect(res.body.issue[0].code).toBe('timeout');
    const referral = await c.referral(ubrn);
    expect(referralState(referral.body)).toBe('NOT_BOOKED');
    expect(referral.body.meta.versionId).toBe('3');
    const search = await c.g1('GET', `/Slot?schedule.actor%3AHealthcareService=${S.pasTimeout}&_count=100`);
    expect(search.body.entry.map((e: any) => e.resource.id)).toContain(slot.id);
  });

  it('PAS_RESPONDED_WITH_ERROR (422): the slot is lost in the provider system and no longer offered', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.pasError);
    const res = await c.book(bookBody({ ubrn, slot, serviceId: S.pasError }));
    expect(res.status).toBe(422);
    expect(outcomeKey(res)).toBe('PAS_RESPONDED_WITH_ERROR');
    expect(res.body.issue[0].code).toBe('exception');
    expect(referralState((await c.referral(ubrn)).body)).toBe('NOT_BOOKED');
    const search = await c.g1('GET', `/Slot?schedule.actor%3AHealthcareService=${S.pasError}&_count=100`);
    expect(search.body.entry.map((e: any) => e.resource.id)).not.toContain(slot.id);
  });

  it('UNABLE_TO_CONFIRM_APPOINTMENT (422) when the PAS says the slot is gone', async () => {
    const slot = await c.takeSlot(S.pasSlotGone);
    const res = await c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.pasSlotGone }));
    expect(res.status).toBe(422);
    expect(outcomeKey(res)).toBe('UNABLE_TO_CONFIRM_APPOINTMENT');
  });

  it('REFERRAL_LOCKED (422) for a second attempt while the first waits on the PAS', async () => {
    const { ubrn, other, first, second } = await lockRace(c);
    expect(second.status).toBe(422);
    expect(outcomeKey(second)).toBe('REFERRAL_LOCKED');
    expect(outcomeKey(await first)).toBe('PAS_NOT_RESPONDING');
    // The lock is released afterwards: the referral can now be booked.
    expect((await c.book(bookBody({ ubrn, slot: other, serviceId: S.directlyBookable }))).status).toBe(201);
  });

  it('a race of identical attempts books once; the others are locked out', async () => {
    const ubrn = c.freshUbrn();
    const slot = await c.takeSlot(S.directlyBookable);
    const body = bookBody({ ubrn, slot, serviceId: S.directlyBookable });
    const replies = await Promise.all(Array.from({ length: 5 }, () => c.book(body)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422]);
    for (const r of replies.filter((x) => x.status === 422)) expect(['REFERRAL_LOCKED', 'VERSION_CONFLICT']).toContain(outcomeKey(r));
  });

  it('a race of different referrals for one slot books it once (SLOT_NOT_AVAILABLE for the rest)', async () => {
    const slot = await c.takeSlot(S.directlyBookable);
    const replies = await Promise.all(Array.from({ length: 4 }, () => c.book(bookBody({ ubrn: c.freshUbrn(), slot, serviceId: S.directlyBookable }))));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => outcomeKey(r) === 'SLOT_NOT_AVAILABLE')).toHaveLength(3);
  });
});
