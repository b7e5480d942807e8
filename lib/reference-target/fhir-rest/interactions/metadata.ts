// GET [base]/metadata: the CapabilityStatement of this release's endpoint. It declares only what the server
// does: Appointment read, vread, update (version-aware), create (conditional where supported), search by
// patient, identifier and status; Slot search by status, start and schedule.
import type { Reply } from '../../types.ts';
import type { FhirRestCall } from '../context.ts';
import { FHIR_VERSION_NUMBER, releaseCapabilityElements } from '../versions.ts';

export function capabilityStatement(call: FhirRestCall): Reply {
  const release = call.world.release;
  const other = release === 'stu3' ? 'r4' : 'stu3';
  const conditional = !call.env.liberty('frb-no-conditional-create');
  return {
    status: 200,
    body: {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-01-05',
      publisher: 'booking-conformance reference target',
      kind: 'instance',
      implementation: { description: `FHIR ${release.toUpperCase()} booking server (reference)`, url: call.req.baseUrl },
      fhirVersion: FHIR_VERSION_NUMBER[call.env.fault('frb-capability-wrong-fhir-version') ? other : release],
      ...releaseCapabilityElements(release),
      format: ['application/fhir+json', 'json'],
      rest: [
        {
          mode: 'server',
          resource: [
            {
              type: 'Appointment',
              interaction: ['read', 'vread', 'update', 'create', 'search-type'].map((code) => ({ code })),
              versioning: call.env.liberty('frb-versioned-only') ? 'versioned' : 'versioned-update',
              readHistory: false,
              updateCreate: false,
              ...(conditional ? { conditionalCreate: true } : {}),
              searchParam: [
                { name: 'patient', type: 'reference' },
                { name: 'identifier', type: 'token' },
                { name: 'status', type: 'token' },
              ],
            },
            {
              type: 'Slot',
              interaction: [{ code: 'search-type' }],
              searchParam: [
                { name: 'status', type: 'token' },
                { name: 'start', type: 'date' },
                { name: 'schedule', type: 'reference' },
              ],
            },
          ],
        },
      ],
    },
  };
}
