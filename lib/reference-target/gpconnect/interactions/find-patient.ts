// Find a patient by NHS number: GET /Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>.
import type { Reply } from '../../types.ts';
import { searchset } from '../bundle.ts';
import type { Call } from '../call.ts';
import { NHS_NUMBER_SYSTEM } from '../fixtures.ts';
import { requireValidNhsNumber } from '../nhs-number.ts';
import { badRequest, GpcError, invalidParameter } from '../outcome.ts';
import { patientResource } from '../resources.ts';

/** The NHS number of `identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>`. */
function nhsNumberSearched(call: Call): string {
  const values = call.req.query.getAll('identifier');
  if (values.length === 0) throw badRequest('the identifier search parameter is required');
  if (values.length > 1) throw invalidParameter('the identifier search parameter may be given only once');
  const value = values[0]!;
  const bar = value.indexOf('|');
  // National assurance expects INVALID_PARAMETER when the system is missing or blank.
  if (bar <= 0) throw invalidParameter(`identifier ${value} must be system|value`);
  const system = value.slice(0, bar);
  const nhsNumber = value.slice(bar + 1);
  if (system !== NHS_NUMBER_SYSTEM) throw new GpcError('INVALID_IDENTIFIER_SYSTEM', `patients are found by ${NHS_NUMBER_SYSTEM}, not ${system}`);
  requireValidNhsNumber(nhsNumber, call.ctx);
  return nhsNumber;
}

/** Only active registrations are found; not finding anyone is an empty result, not an error. */
export function findPatient(call: Call): Reply {
  const patient = call.world.patientByNhsNumber(nhsNumberSearched(call));
  const found = patient && (patient.active || call.ctx.fault('gpc-find-inactive-patients')) ? [patient] : [];
  if (found.length === 0 && call.ctx.fault('gpc-unknown-patient-404')) throw new GpcError('PATIENT_NOT_FOUND', 'no registered patient has that NHS number');
  const entries = found.map((p) => ({ resource: patientResource(p, call.ctx), mode: 'match' as const }));
  return { status: 200, body: searchset(entries, call.req.baseUrl, call.ctx) };
}
