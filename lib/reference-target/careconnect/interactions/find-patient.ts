// Find a patient: GET /Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{nhsNumber}. The consumer has traced
// the NHS number with PDS (prerequisite 1); this gives the patient's logical id here. None found is an empty Bundle.
import type { Reply } from '../../types.ts';
import { bundleEntryOf } from '../../shared/fhir.ts';
import type { CcCall } from '../context.ts';
import { NHS_NUMBER_SYSTEM } from '../fixtures.ts';
import { fhirReply } from '../http.ts';
import { CcError } from '../outcome.ts';
import { patientResource } from '../resources.ts';

export function findPatient({ req, ctx, world }: CcCall): Reply {
  const identifier = req.query.get('identifier') ?? '';
  const [system, nhsNumber = ''] = identifier.split('|');
  if (system !== NHS_NUMBER_SYSTEM) throw new CcError('BAD_REQUEST', 'bad-value', `identifier must be ${NHS_NUMBER_SYSTEM}|<NHS number>`);
  const patient = world.patientByNhsNumber(nhsNumber);
  const found = ctx.fault('cc-find-patient-ignores-identifier') ? [...world.patients.values()] : patient ? [patient] : [];
  const entry = found.map((p) => bundleEntryOf(req.baseUrl, patientResource(p), 'match'));
  return fhirReply(200, { resourceType: 'Bundle', type: 'searchset', total: entry.length, entry });
}
