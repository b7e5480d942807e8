// GET /metadata: the provider's CapabilityStatement.
import type { Call, Reply } from '../call.ts';
import { PROFILE, REGISTER_PATIENT_OPERATION } from '../profiles.ts';
import { formatLondon } from '../time.ts';

const FHIR_VERSION = '3.0.1';

function searchParam(name: string, type: string): Record<string, string> {
  return { name, type };
}

function resources(): Record<string, unknown>[] {
  const read = [{ code: 'read' }];
  return [
    {
      type: 'Patient',
      profile: { reference: PROFILE.patient },
      interaction: [...read, { code: 'search-type' }],
      searchParam: [searchParam('identifier', 'token')],
    },
    { type: 'Organization', profile: { reference: PROFILE.organization }, interaction: read },
    { type: 'Practitioner', profile: { reference: PROFILE.practitioner }, interaction: read },
    { type: 'Location', profile: { reference: PROFILE.location }, interaction: read },
    {
      type: 'Appointment',
      profile: { reference: PROFILE.appointment },
      interaction: [...read, { code: 'create' }, { code: 'update' }],
      versioning: 'versioned-update',
      conditionalCreate: false,
      conditionalUpdate: false,
    },
    {
      type: 'Slot',
      profile: { reference: PROFILE.slot },
      interaction: [{ code: 'search-type' }],
      searchInclude: ['Slot:schedule', 'Schedule:actor:Practitioner', 'Schedule:actor:Location', 'Location:managingOrganization'],
      searchParam: [searchParam('start', 'date'), searchParam('end', 'date'), searchParam('status', 'token'), searchParam('searchFilter', 'token')],
    },
    { type: 'Schedule', profile: { reference: PROFILE.schedule } },
  ];
}

export function capabilityStatement(call: Call): Reply {
  return {
    status: 200,
    body: {
      resourceType: 'CapabilityStatement',
      version: '1.2.9',
      name: 'GP Connect Appointment Management (reference provider)',
      status: 'active',
      date: formatLondon(call.ctx.now()).slice(0, 10),
      publisher: 'booking-conformance',
      kind: 'instance',
      software: { name: 'booking-conformance reference target', version: '0.1.0' },
      implementation: { description: 'In-memory GP Connect provider', url: call.req.baseUrl },
      fhirVersion: call.ctx.faults.has('gpc-metadata-wrong-fhir-version') ? '4.0.1' : FHIR_VERSION,
      acceptUnknown: 'both',
      format: ['application/fhir+json'],
      rest: [
        {
          mode: 'server',
          security: { cors: true },
          resource: resources(),
          operation: [{ name: 'gpc.registerpatient', definition: { reference: REGISTER_PATIENT_OPERATION } }],
        },
      ],
    },
  };
}
