// The federated world: one GP Connect provider world (GpcWorld) per practice, each with its own diary, its own
// patients and its own logical ids. Built from the seed and the clock.
import type { PackContext } from '../types.ts';
import { GpcWorld } from '../gpconnect/world.ts';
import type { PatientRec, SlotRec } from '../gpconnect/world-model.ts';
import { seededPicker, type Random } from '../../common/random.ts';
import { addDays, isWorkingDay, londonDate, londonInstant, wholeSeconds } from '../../common/london-time.ts';
import { APIHUB_FIXTURES, APIHUB_PRACTICES, APIHUB_REGISTRATIONS, type PracticeDef } from './fixtures.ts';
import { VersionHistory } from './versions.ts';

/** Diaries run from today for this many days, so any search of up to 14 days from today is covered. */
const HORIZON_DAYS = 15;
const BUSY_SHARE = 0.15;
/** Every practice system numbers its own records: one Organization, one Location, clinicians from 1. */
const ORGANIZATION_ID = '1';
const LOCATION_ID = '1';

const FAMILY = ['Ahmed', 'Brennan', 'Clarke', 'Dunn', 'Evans', 'Foster', 'Grant', 'Hall', 'Ince', 'Jennings', 'Khan', 'Lowe', 'Marsh', 'Nolan', 'Osei', 'Price'];
const GIVEN = { female: ['Alice', 'Bronwen', 'Ciara', 'Dana', 'Erin', 'Freya', 'Gemma', 'Hollie'], male: ['Adam', 'Bilal', 'Conor', 'Dylan', 'Euan', 'Finn', 'Gareth', 'Harvey'] };

/** One practice: its GP Connect world and the versions of its appointments (for reads of a Location URL). */
export interface Practice {
  def: PracticeDef;
  world: GpcWorld;
  history: VersionHistory;
}

export type Federation = ReadonlyMap<string, Practice>;

const phone = (rng: Random): string => `01632 960${String(rng.int(100, 999))}`;

function person(rng: Random): { family: string; given: string; gender: 'male' | 'female' } {
  const gender = rng.chance(0.5) ? 'female' : 'male';
  return { family: rng.pick(FAMILY), given: rng.pick(GIVEN[gender]), gender };
}

function addPracticeSite(world: GpcWorld, def: PracticeDef, rng: Random): void {
  const address = { line: [`${rng.int(1, 120)} High Street`], city: 'Leeds', postalCode: `LS${rng.int(1, 9)} ${rng.int(1, 9)}AB` };
  world.organizations.set(ORGANIZATION_ID, { id: ORGANIZATION_ID, odsCode: def.ods, orgType: 'gp-practice', name: def.name, phone: phone(rng), address });
  world.locations.set(LOCATION_ID, { id: LOCATION_ID, odsSiteCode: `${def.ods}1`, name: `${def.name} - Main Site`, organizationId: ORGANIZATION_ID, phone: phone(rng), address });
}

function addClinicians(world: GpcWorld, def: PracticeDef, rng: Random, horizon: { start: Date; end: Date }): void {
  for (let i = 1; i <= def.clinicians; i++) {
    const id = String(i);
    world.practitioners.set(id, {
      id,
      sdsUserId: `G${def.ods.slice(1)}${String(i).padStart(2, '0')}`,
      ...person(rng),
      prefix: 'Dr',
      roleCode: 'R0260',
      roleDisplay: 'General Medical Practitioner',
    });
    world.schedules.set(id, { id, organizationId: ORGANIZATION_ID, locationId: LOCATION_ID, practitionerId: id, serviceCategory: 'GP Surgery', horizonStart: horizon.start, horizonEnd: horizon.end });
  }
}

function addSlots(world: GpcWorld, def: PracticeDef, rng: Random, today: string, created: Date): void {
  let id = 1;
  for (let d = def.firstDayOffset; d < HORIZON_DAYS; d++) {
    const day = addDays(today, d);
    if (!isWorkingDay(day)) continue;
    for (const schedule of world.schedules.values()) {
      for (const session of def.sessions) {
        for (let n = 0; n < session.count; n++) {
          const start = londonInstant(day, session.hour, session.minute + n * session.minutes);
          const slot: SlotRec = {
            // Practice-scoped ids: a runner that holds picked slots by Slot/<id> never confuses two practices'
            // slots (or another pack's) with each other.
            id: `${def.ods}-${id++}`,
            scheduleId: schedule.id,
            start,
            end: new Date(start.getTime() + session.minutes * 60_000),
            deliveryChannel: 'In-person',
            serviceType: session.service,
            status: !session.alwaysFree && rng.chance(BUSY_SHARE) ? 'busy' : 'free',
            heldForOrgTypes: [],
            heldForOdsCodes: [],
            version: 1,
            lastUpdated: created,
          };
          world.slots.set(slot.id, slot);
        }
      }
    }
  }
}

/** Seeded records keep the practice's own id range; patients registered later are numbered by GpcWorld from 1. */
function addPatients(world: GpcWorld, def: PracticeDef, rng: Random, created: Date): void {
  let next = APIHUB_FIXTURES.firstPatientIds[def.ods as keyof typeof APIHUB_FIXTURES.firstPatientIds];
  for (const registration of APIHUB_REGISTRATIONS) {
    if (!registration.practices.includes(def.ods)) continue;
    const who = person(rng);
    const patient: PatientRec = {
      id: String(next++),
      nhsNumber: registration.nhsNumber,
      ...who,
      prefix: who.gender === 'female' ? 'Ms' : 'Mr',
      birthDate: `19${rng.int(50, 99)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      active: true,
      registrationType: 'R',
      registrationStart: new Date(Date.UTC(2015, 0, 5)),
      organizationId: ORGANIZATION_ID,
      practitionerId: '1',
      phone: phone(rng),
      version: 1,
      lastUpdated: created,
    };
    world.patients.set(patient.id, patient);
  }
}

function buildPractice(def: PracticeDef, index: number, ctx: PackContext): Practice {
  const world = new GpcWorld();
  // Each practice draws from its own stream, so one practice's data never shifts another's.
  const rng = seededPicker(ctx.seed * 31 + index + 1);
  const now = wholeSeconds(ctx.now());
  const today = londonDate(now);
  const horizon = { start: londonInstant(today, 0, 0), end: londonInstant(addDays(today, HORIZON_DAYS), 0, 0) };
  addPracticeSite(world, def, rng);
  addClinicians(world, def, rng, horizon);
  addSlots(world, def, rng, today, now);
  addPatients(world, def, rng, now);
  return { def, world, history: new VersionHistory() };
}

export function buildFederation(ctx: PackContext): Federation {
  return new Map(APIHUB_PRACTICES.map((def, i) => [def.ods, buildPractice(def, i, ctx)]));
}
