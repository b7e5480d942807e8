// The one table of CareConnect interactions this provider serves: name, verb, path and handler.
import type { Route } from '../types.ts';
import type { CcHandler } from './context.ts';
import { bookAppointment } from './interactions/book-appointment.ts';
import { findPatient } from './interactions/find-patient.ts';
import { readAppointment } from './interactions/read-appointment.ts';
import { readSlot } from './interactions/read-slot.ts';

const ID = '([^/]+)';

export const ROUTES: readonly Route<CcHandler>[] = [
  { name: 'book-appointment', method: 'POST', path: /^\/Appointment$/, run: bookAppointment },
  { name: 'read-appointment', method: 'GET', path: new RegExp(`^/Appointment/${ID}$`), run: readAppointment },
  { name: 'read-slot', method: 'GET', path: new RegExp(`^/Slot/${ID}$`), run: readSlot },
  { name: 'find-patient', method: 'GET', path: /^\/Patient$/, run: findPatient },
];
