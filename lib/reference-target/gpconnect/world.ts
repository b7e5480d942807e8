// The world builder: the provider's seeded, in-memory records (GpcWorld), made from the seed and the clock.
import type { PackContext } from '../types.ts';
import { GPC_FIXTURES, GPC_PRACTICES } from './fixtures.ts';
import { seededPicker, type Random } from '../../common/random.ts';
import { addDays, isWorkingDay, londonDate, londonInstant, wholeSeconds } from '../../common/london-time.ts';
import type {
  Address,
  AppointmentRec,
  DeliveryChannel,
  LocationRec,
  OrganizationRec,
  PatientRec,
  PdsRecord,
  PractitionerRec,
  ScheduleRec,
  SlotRec,
} from './world-model.ts';

/** Slots exist from today for this many days ahead, so any search of up to 14 days starting today finds them. */
const HORIZON_DAYS = 15;
const BUSY_SHARE = 0.15;

const FAMILY_NAMES = ['Ashworth', 'Bhatt', 'Carter', 'Davies', 'Edwards', 'Fletcher', 'Gallagher', 'Hughes', 'Iqbal', 'Jones', 'Kaur', 'Lloyd', 'Morgan', 'Nowak', "O'Neill", 'Patel', 'Quinn', 'Roberts', 'Shah', 'Thomas', 'Walsh', 'Young'];
const FEMALE_NAMES = ['Amelia', 'Bethan', 'Chloe', 'Deborah', 'Emily', 'Fatima', 'Grace', 'Hannah', 'Isla', 'Joanne', 'Karen', 'Lucy', 'Megan', 'Niamh', 'Priya', 'Sarah'];
const MALE_NAMES = ['Aaron', 'Ben', 'Callum', 'David', 'Ethan', 'Farhan', 'George', 'Harry', 'Imran', 'James', 'Liam', 'Mohammed', 'Owen', 'Peter', 'Rhys', 'Thomas'];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Mill Road', 'Victoria Road', 'Park Avenue', 'Queen Street', 'Manor Way'];
const TOWNS = [
  { city: 'Leeds', postcode: 'LS1' },
  { city: 'Harrogate', postcode: 'HG1' },
  { city: 'Wakefield', postcode: 'WF1' },
];

export class GpcWorld {
  readonly organizations = new Map<string, OrganizationRec>();
  readonly locations = new Map<string, LocationRec>();
  readonly practitioners = new Map<string, PractitionerRec>();
  readonly schedules = new Map<string, ScheduleRec>();
  readonly slots = new Map<string, SlotRec>();
  readonly patients = new Map<string, PatientRec>();
  readonly appointments = new Map<string, AppointmentRec>();
  /** PDS records that are not plain "traced" ones; every other valid NHS number traces successfully. */
  readonly pdsSpecial = new Map<string, PdsRecord>();
  private nextPatientId = 1;
  private nextAppointmentId = 1;

  patientByNhsNumber(nhsNumber: string): PatientRec | undefined {
    for (const p of this.patients.values()) if (p.nhsNumber === nhsNumber) return p;
    return undefined;
  }

  pdsLookup(nhsNumber: string): PdsRecord {
    return this.pdsSpecial.get(nhsNumber) ?? { nhsNumber, status: 'traced' };
  }

  addPatient(patient: Omit<PatientRec, 'id'>): PatientRec {
    const record = { ...patient, id: String(this.nextPatientId++) };
    this.patients.set(record.id, record);
    return record;
  }

  newAppointmentId(): string {
    return String(this.nextAppointmentId++);
  }

  scheduleOf(slot: SlotRec): ScheduleRec {
    const schedule = this.schedules.get(slot.scheduleId);
    if (!schedule) throw new Error(`slot ${slot.id} has no schedule`);
    return schedule;
  }
}

function address(rng: Random, townIndex: number): Address {
  const town = TOWNS[townIndex % TOWNS.length]!;
  return {
    line: [`${rng.int(1, 180)} ${rng.pick(STREETS)}`],
    city: town.city,
    postalCode: `${town.postcode} ${rng.int(1, 9)}${rng.pick(['AB', 'DL', 'HQ', 'NX', 'RT'])}`,
  };
}

/** Ofcom's drama range (01632 960xxx): realistic, and never anyone's real number. */
const phone = (rng: Random): string => `01632 960${String(rng.int(100, 999))}`;

function person(rng: Random): { family: string; given: string; gender: 'male' | 'female' } {
  const gender = rng.chance(0.5) ? 'female' : 'male';
  return { family: rng.pick(FAMILY_NAMES), given: rng.pick(gender === 'female' ? FEMALE_NAMES : MALE_NAMES), gender };
}

function addPractices(world: GpcWorld, rng: Random): void {
  GPC_PRACTICES.forEach((p, i) => {
    world.organizations.set(p.organizationId, {
      id: p.organizationId,
      odsCode: p.odsCode,
      orgType: p.orgType,
      name: p.name,
      phone: phone(rng),
      address: address(rng, i),
    });
  });
}

function addLocations(world: GpcWorld, rng: Random): void {
  let id = 1;
  GPC_PRACTICES.forEach((p, i) => {
    for (const site of ['Main Site', 'Branch Surgery']) {
      const locationId = String(id++);
      world.locations.set(locationId, {
        id: locationId,
        odsSiteCode: `${p.odsCode}${site === 'Main Site' ? '1' : '2'}`,
        name: `${p.name} - ${site}`,
        organizationId: p.organizationId,
        phone: phone(rng),
        address: address(rng, i),
      });
    }
  });
}

const ROLES = [
  { code: 'R0260', display: 'General Medical Practitioner', category: 'GP Surgery', service: 'General GP appointment' },
  { code: 'R0270', display: 'Salaried General Practitioner', category: 'GP Surgery', service: 'General GP appointment' },
  { code: 'R0260', display: 'General Medical Practitioner', category: 'Branch Surgery', service: 'Routine appointment' },
] as const;

/** Three clinicians per practice: two at the main site, one at the branch; one Schedule each. */
function addCliniciansAndSchedules(world: GpcWorld, rng: Random, horizon: { start: Date; end: Date }): void {
  let id = 1;
  for (const practice of GPC_PRACTICES) {
    const [mainSite, branch] = [...world.locations.values()].filter((l) => l.organizationId === practice.organizationId);
    ROLES.forEach((role, i) => {
      const clinicianId = String(id++);
      const who = person(rng);
      world.practitioners.set(clinicianId, {
        id: clinicianId,
        sdsUserId: `G${String(13_579 + Number(clinicianId) * 11).padStart(7, '0')}`,
        ...who,
        prefix: 'Dr',
        roleCode: role.code,
        roleDisplay: role.display,
      });
      world.schedules.set(clinicianId, {
        id: clinicianId,
        organizationId: practice.organizationId,
        locationId: (i < 2 ? mainSite : branch)!.id,
        practitionerId: clinicianId,
        serviceCategory: role.category,
        horizonStart: horizon.start,
        horizonEnd: horizon.end,
      });
    });
  }
}

interface SlotPattern {
  hour: number;
  minute: number;
  minutes: number;
  channel: DeliveryChannel;
  service?: string;
}

/** One working day of one schedule: a morning surgery, telephone slots, then home visits (never offered). */
function dayPattern(): SlotPattern[] {
  const morning = Array.from({ length: 12 }, (_, i): SlotPattern => ({
    hour: 9 + Math.floor(i / 4),
    minute: (i % 4) * 15,
    minutes: 15,
    channel: 'In-person',
  }));
  const telephone = Array.from({ length: 4 }, (_, i): SlotPattern => ({
    hour: 14,
    minute: i * 15,
    minutes: 15,
    channel: 'Telephone',
    service: 'Telephone consultation',
  }));
  const visits: SlotPattern[] = [0, 30].map((minute) => ({ hour: 15, minute, minutes: 30, channel: 'Visit', service: 'Home visit' }));
  return [...morning, ...telephone, ...visits];
}

const hhmm = (p: SlotPattern): string => `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;

function neighbourOds(organizationId: string): string {
  const i = GPC_PRACTICES.findIndex((p) => p.organizationId === organizationId);
  return GPC_PRACTICES[(i + 1) % GPC_PRACTICES.length]!.odsCode;
}

function addSlots(world: GpcWorld, rng: Random, firstDay: string, created: Date): void {
  let id = 1;
  const rules = GPC_FIXTURES.slotRules;
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const day = addDays(firstDay, d);
    if (!isWorkingDay(day)) continue;
    for (const schedule of world.schedules.values()) {
      const defaultService = ROLES[(Number(schedule.id) - 1) % ROLES.length]!.service;
      for (const p of dayPattern()) {
        const start = londonInstant(day, p.hour, p.minute);
        const slotId = String(id++);
        world.slots.set(slotId, {
          id: slotId,
          scheduleId: schedule.id,
          start,
          end: new Date(start.getTime() + p.minutes * 60_000),
          deliveryChannel: p.channel,
          serviceType: p.service ?? defaultService,
          status: rng.chance(BUSY_SHARE) ? 'busy' : 'free',
          heldForOrgTypes: hhmm(p) === rules.orgTypeHeldSlotTime ? [rules.heldForOrgType] : [],
          heldForOdsCodes: hhmm(p) === rules.odsHeldSlotTime ? [neighbourOds(schedule.organizationId)] : [],
          version: 1,
          lastUpdated: created,
        });
      }
    }
  }
}

function addPatients(world: GpcWorld, rng: Random, now: Date): void {
  const inactive = new Set<string>([GPC_FIXTURES.inactivePatient.id, ...GPC_FIXTURES.reactivatablePatients.map((p) => p.id)]);
  const anchors = [...GPC_FIXTURES.registeredPatients, GPC_FIXTURES.inactivePatient, ...GPC_FIXTURES.reactivatablePatients];
  anchors.forEach((anchor, i) => {
    const practice = GPC_PRACTICES[i % GPC_PRACTICES.length]!;
    const who = person(rng);
    const patient = world.addPatient({
      nhsNumber: anchor.nhsNumber,
      ...who,
      prefix: who.gender === 'female' ? 'Mrs' : 'Mr',
      birthDate: `19${rng.int(40, 99)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      active: !inactive.has(anchor.id),
      registrationType: 'R',
      registrationStart: new Date(Date.UTC(2010 + i, 0, 4)),
      organizationId: practice.organizationId,
      practitionerId: String((i % GPC_PRACTICES.length) * 3 + 1),
      address: address(rng, i),
      phone: phone(rng),
      version: 1,
      lastUpdated: wholeSeconds(now),
    });
    if (patient.id !== anchor.id) throw new Error(`patient fixture ${anchor.nhsNumber} got id ${patient.id}`);
  });
}

function addPdsRecords(world: GpcWorld): void {
  const f = GPC_FIXTURES;
  const special: PdsRecord[] = [
    { nhsNumber: f.pdsTracedPatient.nhsNumber, status: 'traced', demographics: { ...f.pdsTracedPatient } },
    { nhsNumber: f.deceasedNhsNumber, status: 'deceased' },
    { nhsNumber: f.sensitiveNhsNumber, status: 'sensitive' },
    { nhsNumber: f.supersededNhsNumber, status: 'superseded' },
    { nhsNumber: f.pdsUnavailableNhsNumber, status: 'unavailable' },
  ];
  for (const record of special) world.pdsSpecial.set(record.nhsNumber, record);
}

/**
 * One free slot yesterday morning. Search never offers it (it is in the past), so only a suite
 * that is handed its id can show that a booking in the past is refused.
 */
function addPastSlot(world: GpcWorld, firstDay: string, created: Date): void {
  const schedule = [...world.schedules.values()][0]!;
  const start = londonInstant(addDays(firstDay, -1), 9, 0);
  world.slots.set(PAST_SLOT_ID, {
    id: PAST_SLOT_ID,
    scheduleId: schedule.id,
    start,
    end: new Date(start.getTime() + 15 * 60_000),
    deliveryChannel: 'In-person',
    serviceType: 'General consultation',
    status: 'free',
    heldForOrgTypes: [],
    heldForOdsCodes: [],
    version: 1,
    lastUpdated: created,
  });
}

export const PAST_SLOT_ID = 'past-1';

export function buildWorld(ctx: PackContext): GpcWorld {
  const world = new GpcWorld();
  const rng = seededPicker(ctx.seed);
  const now = wholeSeconds(ctx.now());
  const firstDay = londonDate(now);
  const horizon = { start: londonInstant(firstDay, 0, 0), end: londonInstant(addDays(firstDay, HORIZON_DAYS), 0, 0) };
  addPractices(world, rng);
  addLocations(world, rng);
  addCliniciansAndSchedules(world, rng, horizon);
  addSlots(world, rng, firstDay, now);
  addPastSlot(world, firstDay, now);
  addPatients(world, rng, now);
  addPdsRecords(world);
  return world;
}
