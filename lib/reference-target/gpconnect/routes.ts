// The one table of GP Connect interactions: name, verb, path and handler (the shared Route), plus the
// Ssp-InteractionID that names the interaction and the JWT scope it needs.
import type { Route } from '../types.ts';
import type { Handler } from './call.ts';
import type { Scope } from './jwt.ts';
import { amendAppointment } from './interactions/amend-appointment.ts';
import { bookAppointment } from './interactions/book-appointment.ts';
import { cancelAppointment } from './interactions/cancel-appointment.ts';
import { findPatient } from './interactions/find-patient.ts';
import { capabilityStatement } from './interactions/metadata.ts';
import { patientAppointments } from './interactions/patient-appointments.ts';
import { readAppointment } from './interactions/read-appointment.ts';
import { readLocation } from './interactions/read-location.ts';
import { readOrganization } from './interactions/read-organization.ts';
import { readPatient } from './interactions/read-patient.ts';
import { readPractitioner } from './interactions/read-practitioner.ts';
import { registerPatient } from './interactions/register-patient.ts';
import { searchFreeSlots } from './interactions/search-slots.ts';

export const INTERACTION_PREFIX = 'urn:nhs:names:services:gpconnect:fhir:';

export interface GpcRoute extends Route<Handler> {
  /** The Ssp-InteractionID value. */
  id: string;
  /** The JWT requested_scope this interaction needs. */
  scope: Scope;
}

const ID = '([A-Za-z0-9\\-.]{1,64})';

// Amend comes before cancel: when the interaction id is ignored (a fault), a PUT is taken as an amendment.
const TABLE = [
  { name: 'metadata', id: 'rest:read:metadata-1', method: 'GET', path: /^\/metadata$/, scope: 'organization/*.read', run: capabilityStatement },
  { name: 'search-slots', id: 'rest:search:slot-1', method: 'GET', path: /^\/Slot$/, scope: 'organization/*.read', run: searchFreeSlots },
  { name: 'book-appointment', id: 'rest:create:appointment-1', method: 'POST', path: /^\/Appointment$/, scope: 'patient/*.write', run: bookAppointment },
  { name: 'amend-appointment', id: 'rest:update:appointment-1', method: 'PUT', path: new RegExp(`^/Appointment/${ID}$`), scope: 'patient/*.write', run: amendAppointment },
  { name: 'cancel-appointment', id: 'rest:cancel:appointment-1', method: 'PUT', path: new RegExp(`^/Appointment/${ID}$`), scope: 'patient/*.write', run: cancelAppointment },
  { name: 'read-appointment', id: 'rest:read:appointment-1', method: 'GET', path: new RegExp(`^/Appointment/${ID}$`), scope: 'patient/*.read', run: readAppointment },
  { name: 'patient-appointments', id: 'rest:search:patient_appointments-1', method: 'GET', path: new RegExp(`^/Patient/${ID}/Appointment$`), scope: 'patient/*.read', run: patientAppointments },
  { name: 'find-patient', id: 'rest:search:patient-1', method: 'GET', path: /^\/Patient$/, scope: 'patient/*.read', run: findPatient },
  { name: 'read-patient', id: 'rest:read:patient-1', method: 'GET', path: new RegExp(`^/Patient/${ID}$`), scope: 'patient/*.read', run: readPatient },
  { name: 'register-patient', id: 'operation:gpc.registerpatient-1', method: 'POST', path: /^\/Patient\/\$gpc\.registerpatient$/, scope: 'patient/*.write', run: registerPatient },
  { name: 'read-organization', id: 'rest:read:organization-1', method: 'GET', path: new RegExp(`^/Organization/${ID}$`), scope: 'organization/*.read', run: readOrganization },
  { name: 'read-location', id: 'rest:read:location-1', method: 'GET', path: new RegExp(`^/Location/${ID}$`), scope: 'organization/*.read', run: readLocation },
  { name: 'read-practitioner', id: 'rest:read:practitioner-1', method: 'GET', path: new RegExp(`^/Practitioner/${ID}$`), scope: 'organization/*.read', run: readPractitioner },
] as const satisfies readonly GpcRoute[];

export type InteractionName = (typeof TABLE)[number]['name'];

/** The route table, each id written out in full as it arrives in Ssp-InteractionID. */
export const ROUTES: readonly GpcRoute[] = TABLE.map((r) => ({ ...r, id: INTERACTION_PREFIX + r.id }));

export function interaction(name: InteractionName): GpcRoute {
  const found = ROUTES.find((r) => r.name === name);
  if (!found) throw new Error(`no interaction named ${name}`);
  return found;
}
