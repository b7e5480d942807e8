// GET [base]/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>: the practice's own record of the
// patient, if it has one (an empty searchset otherwise), by the GP Connect rules.
import type { Reply } from '../../types.ts';
import { findPatient as gpConnectFind } from '../../gpconnect/interactions/find-patient.ts';
import { coreCall, type ApiHubCall } from '../context.ts';

export const findPatient = (call: ApiHubCall): Reply => gpConnectFind(coreCall(call));
