// The interactions each practice serves below its own base ([base] = /apihub/<ODS>/fhir): name, verb, path,
// the JWT scope they need (GP Connect's, gpconnect.md D.1) and the handler.
import type { Reply, Route } from '../types.ts';
import type { Scope } from '../gpconnect/jwt.ts';
import type { ApiHubCall } from './context.ts';
import { bookAppointment } from './interactions/book-appointment.ts';
import { findPatient } from './interactions/find-patient.ts';
import { capabilityStatement } from './interactions/metadata.ts';
import { readAppointment } from './interactions/read-appointment.ts';
import { registerPatient } from './interactions/register-patient.ts';
import { searchSlots } from './interactions/search-slots.ts';
import { updateAppointment } from './interactions/update-appointment.ts';

export type ApiHubHandler = (call: ApiHubCall) => Reply | Promise<Reply>;

export interface ApiHubRoute extends Route<ApiHubHandler> {
  scope: Scope;
}

const ID = '([A-Za-z0-9\\-.]{1,64})';

const TABLE = [
  { name: 'metadata', method: 'GET', path: /^\/metadata$/, scope: 'organization/*.read', run: capabilityStatement },
  { name: 'search-slots', method: 'GET', path: /^\/Slot$/, scope: 'organization/*.read', run: searchSlots },
  { name: 'find-patient', method: 'GET', path: /^\/Patient$/, scope: 'patient/*.read', run: findPatient },
  { name: 'register-patient', method: 'POST', path: /^\/Patient\/\$gpc\.registerpatient$/, scope: 'patient/*.write', run: registerPatient },
  { name: 'book-appointment', method: 'POST', path: /^\/Appointment$/, scope: 'patient/*.write', run: bookAppointment },
  { name: 'read-appointment', method: 'GET', path: new RegExp(`^/Appointment/${ID}$`), scope: 'patient/*.read', run: readAppointment },
  { name: 'read-appointment', method: 'GET', path: new RegExp(`^/Appointment/${ID}/_history/${ID}$`), scope: 'patient/*.read', run: readAppointment },
  { name: 'update-appointment', method: 'PUT', path: new RegExp(`^/Appointment/${ID}$`), scope: 'patient/*.write', run: updateAppointment },
  // The Location URL of a version: seed 001 asks for updates by PUT to it.
  { name: 'update-appointment', method: 'PUT', path: new RegExp(`^/Appointment/${ID}/_history/${ID}$`), scope: 'patient/*.write', run: updateAppointment },
] as const satisfies readonly ApiHubRoute[];

export type RouteName = (typeof TABLE)[number]['name'];

export const ROUTES = TABLE;
