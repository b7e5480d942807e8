// GET [base]/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>: the practice's own record of the
// patient, if it has one (an empty searchset otherwise), by the GP Connect rules.
import type { Reply } from '../../types.ts';
import { findPatient as gpConnectFind } from '../../gpconnect/interactions/find-patient.ts';
import { searchset } from '../../gpconnect/bundle.ts';
import { coreCall, type ApiHubCall } from '../context.ts';

/** The record the search names, as the practice holds it (undefined when it has none). */
function recordSearched(call: ApiHubCall): { registrationType: 'R' | 'T' } | undefined {
  const nhsNumber = (call.req.query.get('identifier') ?? '').split('|')[1] ?? '';
  return call.practice.world.patientByNhsNumber(nhsNumber);
}

/** What the faulty providers find: nothing, where the faithful one finds the record. */
function missedByFault(call: ApiHubCall): boolean {
  // A token search matched as one string: 'system|value' is compared with the NHS numbers, and never equals one.
  if (call.env.fault('apihub-find-token-unsplit')) return true;
  // Temporary registrations live apart from the practice list the search reads.
  return call.env.fault('apihub-temporary-registration-not-found') && recordSearched(call)?.registrationType === 'T';
}

export function findPatient(call: ApiHubCall): Reply {
  const reply = gpConnectFind(coreCall(call));
  if (!missedByFault(call)) return reply;
  return { status: 200, body: searchset([], call.req.baseUrl, call.env.core) };
}
