// A016 book: status "booked". Reads what the booking core needs from the Appointment and hands over.

import { parseInstant, type AppointmentRequest } from './appointment.ts';
import { bookSlot } from './booking.ts';
import type { ErsEnv } from './env.ts';
import { fail } from './outcome.ts';
import type { Caller } from './session.ts';
import type { AppointmentRecord } from './world.ts';

export async function bookFromAppointment(env: ErsEnv, caller: Caller, appt: AppointmentRequest): Promise<AppointmentRecord> {
  if (appt.slotId === undefined) fail('MISSING_VALUE', 'slot[0].reference is mandatory when booking');
  if (appt.start === undefined) fail('MISSING_VALUE', 'start is mandatory when booking');
  if (appt.end === undefined) fail('MISSING_VALUE', 'end is mandatory when booking');
  const start = parseInstant('start', appt.start);
  const end = parseInstant('end', appt.end);
  return bookSlot(env, {
    caller,
    ubrn: appt.ubrn,
    expectedVersion: appt.version,
    serviceId: appt.serviceId,
    slotId: appt.slotId,
    start,
    end,
    ...(appt.clinicianId !== undefined ? { clinicianId: appt.clinicianId } : {}),
    ...(appt.patientNhsNumber !== undefined ? { patientNhsNumber: appt.patientNhsNumber } : {}),
    referralNotFoundKey: 'REFERENCE_NOT_FOUND',
  });
}
