// The seeded e-RS world shared by the three packs: services, their slots, referrals and appointments.
// Anchor ids come from fixtures.ts; the seed only moves slot ids and leaves a few gaps in the busiest clinic.

import { seededRandom } from '../../common/random.ts';
import { ersFixtures as F, poolUbrn, shortlistServiceIds } from './fixtures.ts';
import { addDays, formatLondonDateTime, isWorkingDay, londonDate, londonInstant } from '../../common/london-time.ts';

export type ServiceKind = 'DBS' | 'IBS' | 'TRIAGE';
/** How the provider's PAS behind a service answers a booking request. */
export type PasBehaviour = 'confirms' | 'never-answers' | 'errors' | 'slot-gone';

export interface Service {
  id: string;
  name: string;
  kind: ServiceKind;
  active: boolean;
  pas: PasBehaviour;
  clinicians: readonly string[];
}

/** held = a booking attempt is waiting on the PAS; lost = the PAS gave it to someone else. */
export type SlotState = 'free' | 'held' | 'booked' | 'lost';

export interface Slot {
  id: string;
  usrn: string;
  serviceId: string;
  clinicianId?: string;
  start: Date;
  end: Date;
  /** start/end as published: London local time with offset. */
  startText: string;
  endText: string;
  state: SlotState;
}

export type ReferralState = 'NOT_BOOKED' | 'BOOKED' | 'DEFERRED_TO_PROVIDER';

export interface Referral {
  ubrn: string;
  version: number;
  state: ReferralState;
  priority: 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';
  patientNhsNumber: string;
  /** ODS code of the referring organisation; users elsewhere have no legitimate relationship. */
  ownerOrg: string;
  patientBookable: boolean;
  shortlist: readonly string[];
  commissioningRuleOrg: string;
  created: string;
  appointmentId?: string;
  deferReason?: string;
}

export interface AppointmentRecord {
  id: string;
  versionId: number;
  status: 'booked' | 'proposed';
  ubrn: string;
  /** The referral version after this appointment was made (shown in incomingReferral). */
  referralVersion: number;
  serviceId: string;
  patientNhsNumber: string;
  clinicianId?: string;
  slotId?: string;
  start?: string;
  end?: string;
  reason?: string;
  comment?: string;
  /** Slot named on a deferral; never shown back (kept only so a fault can leak it). */
  submittedSlotId?: string;
  created: string;
}

interface SessionPlan {
  hour: number;
  minute: number;
  count: number;
  minutes: number;
  withClinician?: boolean;
}

interface ServiceSpec extends Service {
  plan: readonly SessionPlan[];
  /** Leave seeded gaps between slots (real clinics have them). */
  gaps?: boolean;
}

const S = F.services;

const CATALOGUE: readonly ServiceSpec[] = [
  { id: S.directlyBookable, name: 'Reference Cardiology Clinic', kind: 'DBS', active: true, pas: 'confirms', clinicians: [], plan: [{ hour: 9, minute: 0, count: 16, minutes: 30 }], gaps: true },
  {
    id: S.namedClinician,
    name: 'Reference Dermatology Clinic',
    kind: 'DBS',
    active: true,
    pas: 'confirms',
    clinicians: [F.namedClinicianSdsId],
    plan: [
      { hour: 9, minute: 0, count: 6, minutes: 30, withClinician: true },
      { hour: 13, minute: 0, count: 6, minutes: 30 },
    ],
  },
  { id: S.noSlots, name: 'Reference Rheumatology Clinic', kind: 'DBS', active: true, pas: 'confirms', clinicians: [], plan: [] },
  { id: S.indirectlyBookable, name: 'Reference Orthopaedic Clinic', kind: 'IBS', active: true, pas: 'confirms', clinicians: [], plan: [] },
  { id: S.pasTimeout, name: 'Reference ENT Clinic', kind: 'DBS', active: true, pas: 'never-answers', clinicians: [], plan: [{ hour: 10, minute: 0, count: 4, minutes: 30 }] },
  { id: S.pasError, name: 'Reference Urology Clinic', kind: 'DBS', active: true, pas: 'errors', clinicians: [], plan: [{ hour: 9, minute: 0, count: 8, minutes: 20 }] },
  { id: S.pasSlotGone, name: 'Reference Gastroenterology Clinic', kind: 'DBS', active: true, pas: 'slot-gone', clinicians: [], plan: [{ hour: 14, minute: 0, count: 4, minutes: 30 }] },
  { id: S.triage, name: 'Reference Cardiology Referral Assessment', kind: 'TRIAGE', active: true, pas: 'confirms', clinicians: [], plan: [] },
  { id: S.retired, name: 'Reference Neurology Clinic', kind: 'DBS', active: false, pas: 'confirms', clinicians: [], plan: [] },
  { id: S.notOnShortlist, name: 'Reference Ophthalmology Clinic', kind: 'DBS', active: true, pas: 'confirms', clinicians: [], plan: [{ hour: 9, minute: 30, count: 4, minutes: 30 }] },
];

/** Slots are published for this many days ahead (weekdays only). */
const HORIZON_DAYS = 42;

/** The one world behind all three generations, so a booking made on one is seen by the others. */
export class ErsWorld {
  readonly services = new Map<string, Service>();
  readonly slots = new Map<string, Slot>();
  readonly slotsByUsrn = new Map<string, Slot>();
  readonly referrals = new Map<string, Referral>();
  readonly appointments = new Map<string, AppointmentRecord>();
  private readonly locks = new Set<string>();
  private nextAppointmentId = 90000;

  service(id: string): Service | undefined {
    return this.services.get(id);
  }

  /** Slots of a service in start order, optionally only those of one clinician. */
  slotsOf(serviceId: string, clinicianId?: string): Slot[] {
    return [...this.slots.values()]
      .filter((s) => s.serviceId === serviceId && (clinicianId === undefined || s.clinicianId === clinicianId))
      .sort((a, b) => a.start.getTime() - b.start.getTime() || Number(a.id) - Number(b.id));
  }

  /** What a slot search offers: free slots that have not started yet. */
  freeSlotsOf(serviceId: string, now: Date, clinicianId?: string): Slot[] {
    return this.slotsOf(serviceId, clinicianId).filter((s) => isBookableNow(s, now));
  }

  /** Take the referral's lock; false when another attempt already holds it. */
  tryLock(ubrn: string): boolean {
    if (this.locks.has(ubrn)) return false;
    this.locks.add(ubrn);
    return true;
  }

  unlock(ubrn: string): void {
    this.locks.delete(ubrn);
  }

  /** Drop every free slot of a service but its first `count` (a clinic with little availability). */
  keepFirstSlots(serviceId: string, count: number): void {
    for (const slot of this.slotsOf(serviceId).filter((s) => s.state === 'free').slice(count)) {
      this.slots.delete(slot.id);
      this.slotsByUsrn.delete(slot.usrn);
    }
  }

  /** Publish every slot's times in UTC (Z), as the published A015 examples do, instead of London local time. */
  showTimesInUtc(): void {
    for (const slot of this.slots.values()) {
      slot.startText = slot.start.toISOString();
      slot.endText = slot.end.toISOString();
    }
  }

  newAppointmentId(): string {
    return String(this.nextAppointmentId++);
  }
}

export function isBookableNow(slot: Slot, now: Date): boolean {
  return slot.state === 'free' && slot.start.getTime() > now.getTime();
}

export function buildWorld(seed: number, now: Date): ErsWorld {
  const world = new ErsWorld();
  const random = seededRandom(seed);
  let nextSlotId = 200000 + Math.floor(random() * 700) * 1000;
  for (const spec of CATALOGUE) {
    const { plan, gaps, ...service } = spec;
    world.services.set(service.id, service);
    let seq = 0;
    for (const slot of planSlots(spec, now)) {
      if (gaps && random() < 0.1) continue;
      seq += 1;
      const id = String(nextSlotId++);
      const full: Slot = { ...slot, id, usrn: usrnFor(slot, seq, service.id), state: 'free' };
      world.slots.set(id, full);
      world.slotsByUsrn.set(full.usrn, full);
    }
  }
  addReferrals(world, now);
  return world;
}

type PlannedSlot = Omit<Slot, 'id' | 'usrn' | 'state'>;

function planSlots(spec: ServiceSpec, now: Date): PlannedSlot[] {
  const out: PlannedSlot[] = [];
  const today = londonDate(now);
  for (let d = 1; d <= HORIZON_DAYS; d++) {
    const date = addDays(today, d);
    if (!isWorkingDay(date)) continue;
    for (const session of spec.plan) {
      for (let i = 0; i < session.count; i++) {
        const startMinutes = session.hour * 60 + session.minute + i * session.minutes;
        const start = londonInstant(date, Math.floor(startMinutes / 60), startMinutes % 60);
        const end = new Date(start.getTime() + session.minutes * 60_000);
        const clinicianId = session.withClinician ? spec.clinicians[0] : undefined;
        out.push({
          serviceId: spec.id,
          ...(clinicianId ? { clinicianId } : {}),
          start,
          end,
          startText: formatLondonDateTime(start),
          endText: formatLondonDateTime(end),
        });
      }
    }
  }
  return out;
}

/** USRN in the PAS style: local date, local start and end, a sequence number and the service id. */
function usrnFor(slot: PlannedSlot, seq: number, serviceId: string): string {
  const date = slot.startText.slice(0, 10).replaceAll('-', '');
  const hhmm = (text: string) => text.slice(11, 16).replace(':', '');
  return `${date}-${hhmm(slot.startText)}-${hhmm(slot.endText)}-${String(seq % 10000).padStart(4, '0')}-${serviceId.padStart(12, '0')}`;
}

function addReferrals(world: ErsWorld, now: Date): void {
  const created = new Date(now.getTime() - 3 * 86_400_000).toISOString();
  const base = {
    state: 'NOT_BOOKED' as const,
    priority: 'ROUTINE' as const,
    patientNhsNumber: F.patientNhsNumber,
    ownerOrg: F.apim.odsCode,
    patientBookable: true,
    shortlist: shortlistServiceIds,
    commissioningRuleOrg: F.commissioningRuleOrg,
    created,
  };
  for (let i = 0; i < F.referrals.pool.count; i++) {
    const ubrn = poolUbrn(i);
    world.referrals.set(ubrn, { ...base, ubrn, version: F.referrals.poolVersion });
  }
  world.referrals.set(F.referrals.patientError, {
    ...base,
    ubrn: F.referrals.patientError,
    version: F.referrals.poolVersion,
    patientNhsNumber: '9000000025',
    patientBookable: false,
  });
  world.referrals.set(F.referrals.noRelationship, {
    ...base,
    ubrn: F.referrals.noRelationship,
    version: F.referrals.poolVersion,
    patientNhsNumber: '9000000033',
    ownerOrg: 'RXX',
  });
  addBookedReferral(world, base, created);
  addDeferredReferral(world, base, created);
}

function addBookedReferral(world: ErsWorld, base: Omit<Referral, 'ubrn' | 'version'>, created: string): void {
  const slot = world.slotsOf(F.services.directlyBookable)[0];
  if (!slot) throw new Error('the directly bookable service has no slots');
  slot.state = 'booked';
  const appointment: AppointmentRecord = {
    id: world.newAppointmentId(),
    versionId: 1,
    status: 'booked',
    ubrn: F.referrals.booked,
    referralVersion: 5,
    serviceId: slot.serviceId,
    patientNhsNumber: base.patientNhsNumber,
    slotId: slot.id,
    start: slot.startText,
    end: slot.endText,
    created,
  };
  world.appointments.set(appointment.id, appointment);
  world.referrals.set(F.referrals.booked, { ...base, ubrn: F.referrals.booked, version: 5, state: 'BOOKED', appointmentId: appointment.id });
}

function addDeferredReferral(world: ErsWorld, base: Omit<Referral, 'ubrn' | 'version'>, created: string): void {
  const appointment: AppointmentRecord = {
    id: world.newAppointmentId(),
    versionId: 1,
    status: 'proposed',
    ubrn: F.referrals.deferred,
    referralVersion: 5,
    serviceId: F.services.noSlots,
    patientNhsNumber: base.patientNhsNumber,
    reason: 'NO_SLOTS_AT_SERVICE',
    comment: 'No slots were offered at this clinic',
    created,
  };
  world.appointments.set(appointment.id, appointment);
  world.referrals.set(F.referrals.deferred, {
    ...base,
    ubrn: F.referrals.deferred,
    version: 5,
    state: 'DEFERRED_TO_PROVIDER',
    appointmentId: appointment.id,
    deferReason: 'NO_SLOTS_AT_SERVICE',
  });
}
