// Test helper: a small booking world written into a Medplum server through its own router (the
// same create interaction a client would use), so every id, versionId and lastUpdated is the
// server's own: one practitioner at one location with one schedule, free slots over the coming
// days, two busy ones (a free-slot search that ignored status would show them), and patients.

import type { Resource } from '@medplum/fhirtypes';
import type { MedplumServer } from './medplum.ts';

export interface BookingWorld {
  practitioner: string;
  location: string;
  schedule: string;
  /** Free slots, earliest first. */
  freeSlots: string[];
  busySlots: string[];
  patients: string[];
  /** The window every seeded slot lies in (ISO instants), from the first slot's start to a day after the last's. */
  window: { start: string; end: string };
}

export const SLOTS_PER_DAY = 4;
export const SLOT_DAYS = 5;
export const PATIENT_COUNT = 8;
const SLOT_MINUTES = 15;

/** Creates one resource through the router; the world cannot be built on a refused create. */
async function create(server: MedplumServer, resource: Resource): Promise<string> {
  const a = await server.call('POST', `/${resource.resourceType}`, resource);
  if (a.status !== 201 || !a.resource?.id) throw new Error(`seeding ${resource.resourceType}: ${a.status} ${JSON.stringify(a.outcome)}`);
  return a.resource.id;
}

/**
 * The start of each slot: from 09:00 UTC two days after `now` (a search from "tomorrow" in London time
 * finds them all, whatever the hour), SLOTS_PER_DAY a day half an hour apart, for SLOT_DAYS days.
 */
export function slotStarts(now: Date): Date[] {
  const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2, 9);
  return Array.from({ length: SLOT_DAYS * SLOTS_PER_DAY }, (_, i) => new Date(firstDay + Math.floor(i / SLOTS_PER_DAY) * 86_400_000 + (i % SLOTS_PER_DAY) * 30 * 60_000));
}

const slot = (schedule: string, start: Date, status: 'free' | 'busy'): Resource => ({
  resourceType: 'Slot',
  schedule: { reference: `Schedule/${schedule}` },
  status,
  start: start.toISOString(),
  end: new Date(start.getTime() + SLOT_MINUTES * 60_000).toISOString(),
});

export async function seedBookingWorld(server: MedplumServer, now: Date = new Date()): Promise<BookingWorld> {
  const practitioner = await create(server, { resourceType: 'Practitioner', active: true, name: [{ family: 'Okafor', given: ['Ada'], prefix: ['Dr'] }] });
  const location = await create(server, { resourceType: 'Location', status: 'active', name: 'Riverside Surgery' });
  const schedule = await create(server, {
    resourceType: 'Schedule',
    active: true,
    actor: [{ reference: `Practitioner/${practitioner}` }, { reference: `Location/${location}` }],
  });
  const starts = slotStarts(now);
  const freeSlots: string[] = [];
  for (const start of starts) freeSlots.push(await create(server, slot(schedule, start, 'free')));
  // Busy slots at the quarter past of the first two free ones: inside the window, never free.
  const busySlots: string[] = [];
  for (const start of starts.slice(0, 2)) busySlots.push(await create(server, slot(schedule, new Date(start.getTime() + SLOT_MINUTES * 60_000), 'busy')));
  const patients: string[] = [];
  for (let i = 1; i <= PATIENT_COUNT; i++) {
    patients.push(await create(server, { resourceType: 'Patient', active: true, name: [{ family: `Tester${i}`, given: ['Pat'] }], birthDate: `198${i % 10}-0${(i % 9) + 1}-1${i % 10}` }));
  }
  const last = starts[starts.length - 1]!;
  return {
    practitioner,
    location,
    schedule,
    freeSlots,
    busySlots,
    patients,
    window: { start: starts[0]!.toISOString(), end: new Date(last.getTime() + 86_400_000).toISOString() },
  };
}
