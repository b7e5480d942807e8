// The interactions each release's endpoint serves below its own base ([base] = /fhir-rest/<release>).
import type { Reply, Route } from '../types.ts';
import type { FhirRestCall } from './context.ts';
import { createAppointment } from './interactions/create-appointment.ts';
import { capabilityStatement } from './interactions/metadata.ts';
import { readAppointment } from './interactions/read-appointment.ts';
import { searchAppointments } from './interactions/search-appointments.ts';
import { searchSlots } from './interactions/search-slots.ts';
import { updateAppointment } from './interactions/update-appointment.ts';

export type FhirRestHandler = (call: FhirRestCall) => Reply;

const ID = '([A-Za-z0-9\\-.]{1,64})';

const TABLE = [
  { name: 'metadata', method: 'GET', path: /^\/metadata$/, run: capabilityStatement },
  { name: 'search-slots', method: 'GET', path: /^\/Slot$/, run: searchSlots },
  { name: 'search-appointments', method: 'GET', path: /^\/Appointment$/, run: searchAppointments },
  { name: 'create-appointment', method: 'POST', path: /^\/Appointment$/, run: createAppointment },
  { name: 'read-appointment', method: 'GET', path: new RegExp(`^/Appointment/${ID}$`), run: readAppointment },
  { name: 'read-appointment', method: 'GET', path: new RegExp(`^/Appointment/${ID}/_history/${ID}$`), run: readAppointment },
  { name: 'update-appointment', method: 'PUT', path: new RegExp(`^/Appointment/${ID}$`), run: updateAppointment },
] as const satisfies ReadonlyArray<Route<FhirRestHandler>>;

export type RouteName = (typeof TABLE)[number]['name'];

export const ROUTES = TABLE;
