// FHIR STU3 shapes of the provider's records, and the version headers that go with them.
import { formatLondonDateTime, httpDate } from '../../common/london-time.ts';
import type { JsonObject } from '../../common/json.ts';
import type { CcContext } from './context.ts';
import { APPOINTMENT_PROFILE, NHS_NUMBER_SYSTEM, PATIENT_PROFILE, SLOT_PROFILE } from './fixtures.ts';
import type { AppointmentRec, PatientRec, SlotRec } from './world-model.ts';

const PROVIDER_EXTENSION = 'https://fhir.provider.example/STU3/StructureDefinition/Extension-BookingChannel-1';
const PROVIDER_IDENTIFIER_SYSTEM = 'https://fhir.provider.example/Id/appointment';

/** A provider that keeps no versions (liberty cc-unversioned) has no versionId and no ETag. */
const versioned = (ctx: CcContext): boolean => !ctx.liberty('cc-unversioned');

export function slotResource(s: SlotRec): JsonObject {
  return {
    resourceType: 'Slot',
    id: s.id,
    meta: { profile: [SLOT_PROFILE] },
    schedule: { reference: `Schedule/${s.scheduleId}` },
    status: s.status,
    start: formatLondonDateTime(s.start),
    end: formatLondonDateTime(s.end),
  };
}

export function patientResource(p: PatientRec): JsonObject {
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { profile: [PATIENT_PROFILE] },
    identifier: [{ system: NHS_NUMBER_SYSTEM, value: p.nhsNumber }],
    name: [{ use: 'official', family: p.family, given: [p.given] }],
    gender: p.gender,
    birthDate: p.birthDate,
  };
}

/** What a provider may add to a stored appointment of its own accord (liberty cc-extra-elements). */
function providerAdditions(a: AppointmentRec): JsonObject {
  return {
    text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">Appointment ${a.id}</div>` },
    identifier: [{ system: PROVIDER_IDENTIFIER_SYSTEM, value: `BK-${a.id}` }],
    extension: [{ url: PROVIDER_EXTENSION, valueCode: 'careconnect-api' }],
  };
}

export function appointmentResource(a: AppointmentRec, ctx: CcContext): JsonObject {
  const meta: JsonObject = {};
  if (versioned(ctx)) meta.versionId = String(a.version);
  meta.lastUpdated = formatLondonDateTime(a.lastUpdated);
  if (!ctx.fault('cc-no-meta-profile')) meta.profile = [APPOINTMENT_PROFILE];
  const extras = ctx.liberty('cc-extra-elements') ? providerAdditions(a) : {};
  return { resourceType: 'Appointment', id: a.id, meta, ...extras, ...a.resource };
}

/** ETag (when versioned) and Last-Modified of an appointment as read or created. */
export function versionHeaders(a: AppointmentRec, ctx: CcContext): Record<string, string> {
  const headers: Record<string, string> = { 'last-modified': httpDate(a.lastUpdated) };
  if (!versioned(ctx)) return headers;
  headers.etag = `W/"${a.version}"`;
  return headers;
}

/** Location of a created appointment: absolute with its version, unless a liberty or fault says otherwise. */
export function locationHeader(a: AppointmentRec, baseUrl: string, ctx: CcContext): Record<string, string> {
  if (ctx.fault('cc-no-location')) return {};
  const path = versioned(ctx) ? `Appointment/${a.id}/_history/${a.version}` : `Appointment/${a.id}`;
  return { location: ctx.liberty('cc-location-relative') ? path : `${baseUrl}/${path}` };
}
