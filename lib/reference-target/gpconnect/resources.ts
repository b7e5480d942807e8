// FHIR STU3 shapes of the provider's records. The only place that knows how a record looks on the wire.
import type { GpcContext } from './context.ts';
import { NHS_NUMBER_SYSTEM, ODS_ORG_SYSTEM, ORG_TYPE_SYSTEM } from './fixtures.ts';
import { CODE_SYSTEM, EXTENSION, IDENTIFIER_SYSTEM, PROFILE } from './profiles.ts';
import { formatLondonDateTime } from '../../common/london-time.ts';
import type {
  Address,
  AppointmentRec,
  LocationRec,
  OrganizationRec,
  PatientRec,
  PractitionerRec,
  ScheduleRec,
  SlotRec,
} from './world-model.ts';

export type Resource = Record<string, unknown> & { resourceType: string; id?: string };

const ORG_TYPE_DISPLAY: Record<string, string> = { 'gp-practice': 'GP Practice', 'urgent-care': 'Urgent Care' };

const reference = (type: string, id: string): { reference: string } => ({ reference: `${type}/${id}` });

const fhirAddress = (a: Address, use: string): Record<string, unknown> => ({
  use,
  line: a.line,
  city: a.city,
  postalCode: a.postalCode,
});

const workPhone = (value: string): Record<string, unknown>[] => [{ system: 'phone', value, use: 'work' }];

/** meta.versionId as sent: the version counter, or an opaque token (liberty: versionId is any id that changes with the content). */
export function versionIdText(version: number, ctx: GpcContext): string {
  return ctx.liberty('gpc-opaque-version-ids') ? `v${((version * 2654435761) >>> 0).toString(36)}` : String(version);
}

/** meta.lastUpdated as sent, or nothing (liberty: it is 0..1 in FHIR). */
function lastUpdatedText(lastUpdated: Date, ctx: GpcContext): string | undefined {
  return ctx.liberty('gpc-no-last-updated') ? undefined : formatLondonDateTime(lastUpdated);
}

/** The meta of a resource; records that keep versions pass their version, update time and the context. */
function meta(profile: string, versioned?: { version: number; lastUpdated: Date; ctx: GpcContext }): Record<string, unknown> {
  if (!versioned) return { versionId: '1', profile: [profile] };
  const lastUpdated = lastUpdatedText(versioned.lastUpdated, versioned.ctx);
  return { versionId: versionIdText(versioned.version, versioned.ctx), ...(lastUpdated ? { lastUpdated } : {}), profile: [profile] };
}

export function organizationType(code: string): Record<string, unknown> {
  return { coding: [{ system: ORG_TYPE_SYSTEM, code, display: ORG_TYPE_DISPLAY[code] ?? code }] };
}

export function organizationResource(o: OrganizationRec): Resource {
  return {
    resourceType: 'Organization',
    id: o.id,
    meta: meta(PROFILE.organization),
    identifier: [{ system: ODS_ORG_SYSTEM, value: o.odsCode }],
    type: [organizationType(o.orgType)],
    name: o.name,
    telecom: workPhone(o.phone),
    address: [fhirAddress(o.address, 'work')],
  };
}

export function locationResource(l: LocationRec): Resource {
  return {
    resourceType: 'Location',
    id: l.id,
    meta: meta(PROFILE.location),
    identifier: [{ system: IDENTIFIER_SYSTEM.odsSite, value: l.odsSiteCode }],
    status: 'active',
    name: l.name,
    telecom: workPhone(l.phone),
    address: fhirAddress(l.address, 'work'),
    managingOrganization: reference('Organization', l.organizationId),
  };
}

function practitionerRole(p: PractitionerRec): Record<string, unknown> {
  return {
    url: EXTENSION.practitionerRole,
    valueCodeableConcept: { coding: [{ system: CODE_SYSTEM.sdsJobRole, code: p.roleCode, display: p.roleDisplay }] },
  };
}

export function practitionerResource(p: PractitionerRec): Resource {
  return {
    resourceType: 'Practitioner',
    id: p.id,
    meta: meta(PROFILE.practitioner),
    identifier: [{ system: IDENTIFIER_SYSTEM.sdsUser, value: p.sdsUserId }],
    name: [{ use: 'usual', family: p.family, given: [p.given], prefix: [p.prefix] }],
    gender: p.gender,
  };
}

/** The practitioner a Schedule names, if any (liberty: a practitioner is only SHOULD on a booking, so a Schedule may name none). */
export function practitionerOf(s: ScheduleRec, ctx: GpcContext): string | undefined {
  return ctx.liberty('gpc-schedules-without-practitioner') ? undefined : s.practitionerId;
}

export function scheduleResource(s: ScheduleRec, practitioner: PractitionerRec, ctx: GpcContext): Resource {
  // A provider that stores horizons as dates renders them without a time or offset.
  const horizon = (d: Date): string => (ctx.fault('gpc-planning-horizon-date-only') ? formatLondonDateTime(d).slice(0, 10) : formatLondonDateTime(d));
  return {
    resourceType: 'Schedule',
    id: s.id,
    meta: meta(PROFILE.schedule),
    extension: [practitionerRole(practitioner)],
    serviceCategory: { text: s.serviceCategory },
    actor: [reference('Location', s.locationId), ...(practitionerOf(s, ctx) ? [reference('Practitioner', s.practitionerId)] : [])],
    planningHorizon: { start: horizon(s.horizonStart), end: horizon(s.horizonEnd) },
  };
}

/** Slot times on the wire: London local time with its offset, unless a fault renders them in UTC. */
export function slotTime(instant: Date, ctx: GpcContext): string {
  return ctx.fault('gpc-slot-times-utc') ? instant.toISOString().replace('.000Z', 'Z') : formatLondonDateTime(instant);
}

export function slotResource(s: SlotRec, ctx: GpcContext): Resource {
  return {
    resourceType: 'Slot',
    id: s.id,
    meta: meta(PROFILE.slot, { version: s.version, lastUpdated: s.lastUpdated, ctx }),
    extension: [{ url: EXTENSION.deliveryChannel, valueCode: s.deliveryChannel }],
    // The faulty provider maps its slot type to an uncoded coding and leaves out the required text.
    serviceType: [ctx.fault('gpc-slot-service-type-coded') ? { coding: [{ display: s.serviceType }] } : { text: s.serviceType }],
    schedule: reference('Schedule', s.scheduleId),
    status: s.status,
    start: slotTime(s.start, ctx),
    end: slotTime(s.end, ctx),
  };
}

function registrationDetails(p: PatientRec): Record<string, unknown> {
  const period: Record<string, string> = { start: formatLondonDateTime(p.registrationStart) };
  if (p.registrationEnd) period.end = formatLondonDateTime(p.registrationEnd);
  const display = p.registrationType === 'T' ? 'Temporary' : 'Regular';
  return {
    url: EXTENSION.registrationDetails,
    extension: [
      { url: 'registrationPeriod', valuePeriod: period },
      {
        url: 'registrationType',
        valueCodeableConcept: { coding: [{ system: CODE_SYSTEM.registrationType, code: p.registrationType, display }] },
      },
    ],
  };
}

export function patientResource(p: PatientRec, ctx: GpcContext): Resource {
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: meta(PROFILE.patient, { version: p.version, lastUpdated: p.lastUpdated, ctx }),
    extension: [registrationDetails(p)],
    identifier: [
      {
        extension: [
          {
            url: EXTENSION.nhsNumberVerification,
            valueCodeableConcept: {
              coding: [{ system: CODE_SYSTEM.nhsNumberVerification, code: '01', display: 'Number present and verified' }],
            },
          },
        ],
        system: NHS_NUMBER_SYSTEM,
        value: p.nhsNumber,
      },
    ],
    active: p.active,
    name: [
      {
        // The faulty provider does not map its name types, so no name is marked official.
        ...(ctx.fault('gpc-patient-name-no-use') ? {} : { use: 'official' }),
        text: `${p.given} ${p.family.toUpperCase()}`,
        family: p.family,
        given: [p.given],
        ...(p.prefix ? { prefix: [p.prefix] } : {}),
      },
    ],
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'home' }] } : {}),
    gender: p.gender,
    birthDate: p.birthDate,
    ...(p.address ? { address: [fhirAddress(p.address, 'home')] } : {}),
    generalPractitioner: [reference('Practitioner', p.practitionerId)],
    managingOrganization: reference('Organization', p.organizationId),
  };
}

export function appointmentResource(a: AppointmentRec, ctx: GpcContext): Resource {
  const m: Record<string, unknown> = {};
  if (!ctx.fault('gpc-no-version-id')) m.versionId = versionIdText(a.version, ctx);
  const lastUpdated = lastUpdatedText(a.lastUpdated, ctx);
  if (lastUpdated) m.lastUpdated = lastUpdated;
  if (!ctx.fault('gpc-no-meta-profile')) m.profile = [PROFILE.appointment];
  return { resourceType: 'Appointment', id: a.id, meta: m, ...a.resource };
}
