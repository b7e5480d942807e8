// GET /metadata: the provider's CapabilityStatement.
import type { Reply } from '../../types.ts';
import type { GpcContext } from '../context.ts';
import type { Call } from '../call.ts';
import { PROFILE, REGISTER_PATIENT_OPERATION } from '../profiles.ts';
import { formatLondonDateTime } from '../../../common/london-time.ts';

const FHIR_VERSION = '3.0.1';

function searchParam(name: string, type: string): Record<string, string> {
  return { name, type };
}

/** The GP Connect profile of each resource; the faulty provider publishes its framework's base FHIR profiles instead. */
function profileOf(type: string, gpcProfile: string, ctx: GpcContext): { reference: string } {
  return { reference: ctx.fault('gpc-metadata-base-profiles') ? `http://hl7.org/fhir/StructureDefinition/${type}` : gpcProfile };
}

function resources(ctx: GpcContext): Record<string, unknown>[] {
  const read = [{ code: 'read' }];
  return [
    {
      type: 'Patient',
      profile: profileOf('Patient', PROFILE.patient, ctx),
      interaction: [...read, { code: 'search-type' }],
      searchParam: [searchParam('identifier', 'token')],
    },
    { type: 'Organization', profile: profileOf('Organization', PROFILE.organization, ctx), interaction: read },
    { type: 'Practitioner', profile: profileOf('Practitioner', PROFILE.practitioner, ctx), interaction: read },
    { type: 'Location', profile: profileOf('Location', PROFILE.location, ctx), interaction: read },
    {
      type: 'Appointment',
      profile: profileOf('Appointment', PROFILE.appointment, ctx),
      interaction: [...read, { code: 'create' }, { code: 'update' }],
      versioning: 'versioned-update',
      conditionalCreate: false,
      conditionalUpdate: false,
    },
    {
      type: 'Slot',
      profile: profileOf('Slot', PROFILE.slot, ctx),
      interaction: [{ code: 'search-type' }],
      searchInclude: ['Slot:schedule', 'Schedule:actor:Practitioner', 'Schedule:actor:Location', 'Location:managingOrganization'],
      searchParam: [searchParam('start', 'date'), searchParam('end', 'date'), searchParam('status', 'token'), searchParam('searchFilter', 'token')],
    },
    // No Schedule entry: Schedules come only through the Slot search's _include, and a rest.resource
    // must name at least one interaction of its own (STU3 CapabilityStatement.rest.resource.interaction 1..*).
  ];
}

/**
 * Where the profiles are declared: on each rest.resource, or (liberty: as the spec's own example does)
 * all together in CapabilityStatement.profile, with rest.resource naming none.
 */
function declareProfiles(rest: Record<string, unknown>[], ctx: GpcContext): { profile?: unknown[]; resource: Record<string, unknown>[] } {
  if (!ctx.liberty('gpc-capability-profiles-top-level')) return { resource: rest };
  const profiles = rest.map((r) => r.profile).filter((p) => p !== undefined);
  return { profile: profiles, resource: rest.map(({ profile: _profile, ...r }) => r) };
}

export function capabilityStatement(call: Call): Reply {
  const { profile, resource } = declareProfiles(resources(call.ctx), call.ctx);
  return {
    status: 200,
    body: {
      resourceType: 'CapabilityStatement',
      version: '1.2.9',
      name: 'GP Connect Appointment Management (reference provider)',
      status: 'active',
      date: formatLondonDateTime(call.ctx.now()).slice(0, 10),
      publisher: 'booking-conformance',
      kind: 'instance',
      software: { name: 'booking-conformance reference target', version: '0.1.0' },
      implementation: { description: 'In-memory GP Connect provider', url: call.req.baseUrl },
      fhirVersion: call.ctx.fault('gpc-metadata-wrong-fhir-version') ? '4.0.1' : FHIR_VERSION,
      acceptUnknown: 'both',
      // Liberty: STU3 CapabilityStatement.format is "xml | json | ttl | mime type".
      format: call.ctx.liberty('gpc-capability-format-code') ? ['json'] : ['application/fhir+json'],
      ...(profile ? { profile } : {}),
      rest: [
        {
          mode: 'server',
          security: { cors: true },
          resource,
          // The faulty provider serves a generated statement that lists resources but not custom operations.
          ...(call.ctx.fault('gpc-metadata-no-register-operation')
            ? {}
            : { operation: [{ name: 'gpc.registerpatient', definition: { reference: REGISTER_PATIENT_OPERATION } }] }),
        },
      ],
    },
  };
}
