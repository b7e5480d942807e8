// GET [base]/Appointment?patient=...&identifier=...&status=...: the current versions that match every parameter.
import type { Reply } from '../../types.ts';
import type { FhirRestCall } from '../context.ts';
import { currentVersion, hasIdentifier, hasPatient } from '../appointments.ts';
import { searchset } from '../bundle.ts';
import { shown } from '../resources.ts';
import type { JsonObject } from '../../../common/json.ts';

export function matchingAppointments(call: FhirRestCall, query: URLSearchParams): JsonObject[] {
  const patient = query.get('patient');
  const identifier = query.get('identifier');
  const status = query.get('status');
  return [...call.world.appointments.values()]
    .map((r) => currentVersion(r).resource)
    .filter((r) => (patient === null || call.env.fault('frb-patient-search-ignored') || hasPatient(r, patient)) && (identifier === null || hasIdentifier(r, identifier)) && (status === null || status.split(',').includes(String(r.status))));
}

export function searchAppointments(call: FhirRestCall): Reply {
  const matches = matchingAppointments(call, call.req.query);
  return { status: 200, body: searchset(call, matches.map((r) => shown({ versionId: '', lastUpdated: new Date(0), resource: r }, call))) };
}
