// POST [base]/Appointment: book. The server assigns the id and version, marks the booked Slot busy, and
// answers 201 with Location [base]/Appointment/[id]/_history/[vid], ETag and Last-Modified. With If-None-Exist
// (conditional create, declared in the CapabilityStatement) an existing match is answered 200 without a new
// resource, and several matches 412.
import type { Reply } from '../../types.ts';
import type { FhirRestCall } from '../context.ts';
import { appointmentBody, newAppointmentId, nextVersionId, storeVersion } from '../appointments.ts';
import { FhirError } from '../outcome.ts';
import { preferredBody, versionHeaders } from '../resources.ts';
import { isObject, type JsonObject } from '../../../common/json.ts';
import type { VersionRec } from '../world.ts';
import { currentVersion } from '../appointments.ts';
import { matchingAppointments } from './search-appointments.ts';

/** The existing match of If-None-Exist, if any; undefined when there is none (or the server ignores the header). */
function existingMatch(call: FhirRestCall): VersionRec | undefined {
  const criteria = call.req.headers['if-none-exist'];
  if (criteria === undefined || call.env.liberty('frb-no-conditional-create') || call.env.fault('frb-conditional-create-duplicates')) return undefined;
  const query = new URLSearchParams(criteria.replace(/^.*\?/, ''));
  const matches = matchingAppointments(call, query);
  if (matches.length > 1) throw new FhirError(412, 'multiple-matches', `If-None-Exist: ${criteria} matches ${matches.length} Appointments`);
  return matches.length === 1 ? currentVersion(call.world.appointments.get(String(matches[0]!.id))!) : undefined;
}

function markSlotsBusy(body: JsonObject, call: FhirRestCall): void {
  for (const ref of Array.isArray(body.slot) ? body.slot : []) {
    const id = isObject(ref) && typeof ref.reference === 'string' ? ref.reference.replace(/^.*Slot\//, '') : undefined;
    const slot = id === undefined ? undefined : call.world.slots.get(id);
    if (slot && slot.status === 'free') {
      slot.status = 'busy';
      slot.version++;
      slot.lastUpdated = call.env.now();
    }
  }
}

function locationOf(version: VersionRec, call: FhirRestCall, body: JsonObject): string {
  const id = String(version.resource.id);
  const path = call.env.fault('frb-location-without-history') ? `Appointment/${id}` : `Appointment/${id}/_history/${version.versionId}`;
  if (call.env.fault('frb-location-wrong-id')) {
    const slot = Array.isArray(body.slot) && isObject(body.slot[0]) ? String(body.slot[0].reference ?? 'Slot/unknown') : 'Slot/unknown';
    return `${call.req.baseUrl}/${slot}/_history/1`;
  }
  return call.env.liberty('frb-location-relative') ? path : `${call.req.baseUrl}/${path}`;
}

export function createAppointment(call: FhirRestCall): Reply {
  const body = appointmentBody(call);
  const existing = existingMatch(call);
  if (existing) return { status: 200, headers: versionHeaders(existing, call), body: preferredBody(existing, call) };
  const id = newAppointmentId(call);
  const record = { id, versions: [] };
  call.world.appointments.set(id, record);
  const version = storeVersion(record, body, nextVersionId(undefined, call, id), call);
  markSlotsBusy(body, call);
  return {
    status: call.env.fault('frb-create-200') ? 200 : 201,
    headers: { location: locationOf(version, call, body), ...versionHeaders(version, call) },
    body: preferredBody(version, call),
  };
}
