// Reading and writing Appointment bodies: what a create or update must carry to be stored (base FHIR's
// cardinalities and the release's status codes), and the stored versions.
import { isObject, parseJson, type JsonObject } from '../../common/json.ts';
import type { FhirRestCall } from './context.ts';
import { FhirError } from './outcome.ts';
import type { AppointmentRec, VersionRec } from './world.ts';
import { APPOINTMENT_STATUSES } from './versions.ts';
import { createHash } from 'node:crypto';

/** The request body as an Appointment, or the 400 (422 under frb-validation-as-422) base FHIR asks for. */
export function appointmentBody(call: FhirRestCall): JsonObject {
  const body = parseJson(call.req.rawBody);
  if (body === undefined) {
    if (call.env.fault('frb-invalid-json-500')) throw new FhirError(500, 'exception', 'internal error: Unexpected token in JSON');
    throw new FhirError(400, 'structure', 'the request body is not a JSON resource');
  }
  const invalid = call.env.liberty('frb-validation-as-422') ? 422 : 400;
  if (!isObject(body)) throw new FhirError(400, 'structure', 'the request body is not a JSON object');
  if (body.resourceType !== 'Appointment') {
    if (call.env.fault('frb-wrong-type-accepted')) return body;
    throw new FhirError(invalid, 'invalid', `this endpoint takes an Appointment, not a ${String(body.resourceType ?? 'resource without resourceType')}`);
  }
  const statuses = APPOINTMENT_STATUSES[call.world.release];
  if (typeof body.status !== 'string' || !statuses.includes(body.status)) throw new FhirError(invalid, 'required', `Appointment.status is 1..1, one of ${statuses.join(', ')}`);
  if (!Array.isArray(body.participant) || body.participant.length === 0) throw new FhirError(invalid, 'required', 'Appointment.participant is 1..*');
  return body;
}

/** A new version id: the next counter, or an opaque token under frb-opaque-ids. */
export function nextVersionId(previous: VersionRec | undefined, call: FhirRestCall, id: string): string {
  const n = previous ? Number(/\d+$/.exec(previous.versionId)?.[0] ?? '0') + 1 : 1;
  if (!call.env.liberty('frb-opaque-ids')) return String(n);
  return `v${createHash('sha1').update(`${id}#${n}`).digest('hex').slice(0, 8)}${n}`;
}

/** A new Appointment id: a counter, or a UUID-shaped token under frb-opaque-ids. */
export function newAppointmentId(call: FhirRestCall): string {
  const n = call.world.nextAppointmentNumber++;
  if (!call.env.liberty('frb-opaque-ids')) return `${call.world.release}-${n}`;
  const h = createHash('sha1').update(`${call.world.release}/${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Stores a version of the resource with the server's id, versionId and lastUpdated. */
export function storeVersion(record: AppointmentRec, body: JsonObject, versionId: string, call: FhirRestCall): VersionRec {
  const lastUpdated = new Date(Math.floor(call.env.now().getTime() / 1000) * 1000);
  const meta = { ...(isObject(body.meta) ? body.meta : {}), versionId, lastUpdated: lastUpdated.toISOString() };
  const version: VersionRec = { versionId, lastUpdated, resource: { ...body, id: record.id, meta } };
  record.versions.push(version);
  return version;
}

export function currentVersion(record: AppointmentRec): VersionRec {
  return record.versions[record.versions.length - 1]!;
}

export function appointmentOr404(call: FhirRestCall, id: string): AppointmentRec {
  const record = call.world.appointments.get(id);
  if (!record) throw new FhirError(404, 'not-found', `no Appointment/${id}`);
  return record;
}

/** Does the Appointment name this patient as a participant (Patient/X, or an absolute URL ending in it)? */
export function hasPatient(resource: JsonObject, patient: string): boolean {
  const id = patient.replace(/^.*Patient\//, '');
  const participants = Array.isArray(resource.participant) ? resource.participant : [];
  return participants.some((p) => isObject(p) && isObject(p.actor) && typeof p.actor.reference === 'string' && /(^|\/)Patient\/([^/]+)$/.exec(p.actor.reference)?.[2] === id);
}

/** Does the Appointment carry this identifier (token system|value, or value alone)? */
export function hasIdentifier(resource: JsonObject, token: string): boolean {
  const [system, value] = token.includes('|') ? token.split('|', 2) : [undefined, token];
  const identifiers = Array.isArray(resource.identifier) ? resource.identifier : [];
  return identifiers.some((i) => isObject(i) && i.value === value && (system === undefined || system === '' || i.system === system));
}
