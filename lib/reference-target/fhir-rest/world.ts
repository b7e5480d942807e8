// One in-memory FHIR server per release: a practitioner's schedule of Slots over the next fortnight, the
// patients the target declares, and the Appointments clients create (every version kept, for vread and
// If-Match). Built from the seed and the clock; the two releases never share a record (ids carry the release,
// so a run holding slots by Slot/<id> never confuses one server's with the other's).
import type { PackContext } from '../types.ts';
import type { JsonObject } from '../../common/json.ts';
import { seededPicker } from '../../common/random.ts';
import { addDays, isWorkingDay, londonDate, londonInstant, wholeSeconds } from '../../common/london-time.ts';
import { RELEASES, type FhirRelease } from './versions.ts';

/** The records targets.yaml declares as fixtures (patientId, practitionerId, scheduleId). */
export const FHIR_REST_FIXTURES = { patientId: 'pat-1', otherPatientId: 'pat-2', practitionerId: 'prac-1', scheduleId: 'sched-1', unknownId: 'no-such-appointment' } as const;

const HORIZON_DAYS = 15;
const SLOT_MINUTES = 15;
/** Morning and afternoon sessions: 16 slots each. */
const SESSIONS = [{ hour: 9, minute: 0 }, { hour: 14, minute: 0 }] as const;
const BUSY_SHARE = 0.1;

export interface SlotRec {
  id: string;
  start: Date;
  end: Date;
  status: 'free' | 'busy';
  version: number;
  lastUpdated: Date;
}

/** One stored version of an Appointment, as the server returned it. */
export interface VersionRec {
  versionId: string;
  lastUpdated: Date;
  resource: JsonObject;
}

export interface AppointmentRec {
  id: string;
  versions: VersionRec[];
}

export interface FhirServerWorld {
  release: FhirRelease;
  slots: Map<string, SlotRec>;
  patients: Map<string, JsonObject>;
  practitioner: JsonObject;
  schedule: JsonObject;
  appointments: Map<string, AppointmentRec>;
  /** Next numeric id (or opaque, under frb-opaque-ids) for a created Appointment. */
  nextAppointmentNumber: number;
}

export type FhirRestWorlds = ReadonlyMap<FhirRelease, FhirServerWorld>;

function buildSlots(release: FhirRelease, ctx: PackContext, now: Date): Map<string, SlotRec> {
  const rng = seededPicker(ctx.seed * 17 + (release === 'stu3' ? 3 : 4));
  const today = londonDate(now);
  const slots = new Map<string, SlotRec>();
  let n = 1;
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const day = addDays(today, d);
    if (!isWorkingDay(day)) continue;
    for (const session of SESSIONS) {
      for (let i = 0; i < 16; i++) {
        const start = londonInstant(day, session.hour, session.minute + i * SLOT_MINUTES);
        // Slots already past are never free: a booking client could not take them.
        const status = start <= now || rng.chance(BUSY_SHARE) ? 'busy' : 'free';
        const id = `${release}-slot-${n++}`;
        slots.set(id, { id, start, end: new Date(start.getTime() + SLOT_MINUTES * 60_000), status, version: 1, lastUpdated: now });
      }
    }
  }
  return slots;
}

function patient(id: string, family: string, given: string, gender: string, birthDate: string): JsonObject {
  return { resourceType: 'Patient', id, meta: { versionId: '1' }, name: [{ family, given: [given] }], gender, birthDate };
}

function buildWorld(release: FhirRelease, ctx: PackContext): FhirServerWorld {
  const now = wholeSeconds(ctx.now());
  const f = FHIR_REST_FIXTURES;
  return {
    release,
    slots: buildSlots(release, ctx, now),
    patients: new Map([
      [f.patientId, patient(f.patientId, 'Osei', 'Ama', 'female', '1984-03-12')],
      [f.otherPatientId, patient(f.otherPatientId, 'Brennan', 'Conor', 'male', '1959-11-02')],
    ]),
    practitioner: { resourceType: 'Practitioner', id: f.practitionerId, meta: { versionId: '1' }, name: [{ family: 'Hall', given: ['Gemma'], prefix: ['Dr'] }] },
    schedule: { resourceType: 'Schedule', id: f.scheduleId, meta: { versionId: '1' }, actor: [{ reference: `Practitioner/${f.practitionerId}` }] },
    appointments: new Map(),
    nextAppointmentNumber: 1,
  };
}

export function buildWorlds(ctx: PackContext): FhirRestWorlds {
  return new Map(RELEASES.map((r) => [r, buildWorld(r, ctx)]));
}
