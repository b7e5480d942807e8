// The world builder: one HealthcareService, two schedules of 15-minute slots over the coming working days
// (one all free, one all busy), the traced patients, and the appointments booked so far.
import type { PackContext } from '../types.ts';
import { addDays, isWorkingDay, londonDate, londonInstant } from '../../common/london-time.ts';
import { CC_FIXTURES, type SlotPool } from './fixtures.ts';
import type { AppointmentRec, HealthcareServiceRec, PatientRec, ScheduleRec, SlotRec } from './world-model.ts';

const SLOT_MINUTES = 15;
/** 09:00 to 17:00: 32 slots a working day. */
const FIRST_HOUR = 9;
const SLOTS_A_DAY = 32;
const FREE_SCHEDULE = '5001';
const BUSY_SCHEDULE = '5002';

export class CcWorld {
  readonly healthcareServices = new Map<string, HealthcareServiceRec>();
  readonly schedules = new Map<string, ScheduleRec>();
  readonly slots = new Map<string, SlotRec>();
  readonly patients = new Map<string, PatientRec>();
  readonly appointments = new Map<string, AppointmentRec>();
  private nextAppointmentId = 1;

  newAppointmentId(): number {
    return this.nextAppointmentId++;
  }

  patientByNhsNumber(nhsNumber: string): PatientRec | undefined {
    return [...this.patients.values()].find((p) => p.nhsNumber === nhsNumber);
  }

  healthcareServiceOf(slot: SlotRec): string {
    return this.schedules.get(slot.scheduleId)?.healthcareServiceId ?? '';
  }
}

/** The working days from tomorrow on, as London dates, enough for `slots` slots. */
function workingDaysFor(firstDay: string, slots: number): string[] {
  const days: string[] = [];
  for (let d = 1; days.length * SLOTS_A_DAY < slots; d++) {
    const day = addDays(firstDay, d);
    if (isWorkingDay(day)) days.push(day);
  }
  return days;
}

function addSlots(world: CcWorld, pool: SlotPool, scheduleId: string, status: SlotRec['status'], today: string): void {
  const days = workingDaysFor(today, pool.count);
  for (let i = 0; i < pool.count; i++) {
    const day = days[Math.floor(i / SLOTS_A_DAY)]!;
    const minutes = (i % SLOTS_A_DAY) * SLOT_MINUTES;
    const start = londonInstant(day, FIRST_HOUR + Math.floor(minutes / 60), minutes % 60);
    const id = String(pool.from + i);
    world.slots.set(id, { id, scheduleId, start, end: new Date(start.getTime() + SLOT_MINUTES * 60_000), status });
  }
}

export function buildWorld(ctx: PackContext): CcWorld {
  const world = new CcWorld();
  const today = londonDate(ctx.now());
  const serviceId = CC_FIXTURES.healthcareServiceId;
  world.healthcareServices.set(serviceId, { id: serviceId, name: 'Riverside Urgent Treatment Centre' });
  for (const id of [FREE_SCHEDULE, BUSY_SCHEDULE]) world.schedules.set(id, { id, healthcareServiceId: serviceId });
  addSlots(world, CC_FIXTURES.freeSlots, FREE_SCHEDULE, 'free', today);
  addSlots(world, CC_FIXTURES.busySlots, BUSY_SCHEDULE, 'busy', today);
  for (const p of CC_FIXTURES.patients) world.patients.set(p.id, { ...p });
  return world;
}
