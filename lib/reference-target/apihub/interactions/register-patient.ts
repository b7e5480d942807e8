// POST [base]/Patient/$gpc.registerpatient: a temporary registration at this practice only, by the GP Connect
// rules; the new record's logical id is this practice's.
import type { Reply } from '../../types.ts';
import { registerPatient as gpConnectRegister } from '../../gpconnect/interactions/register-patient.ts';
import { coreCall, type ApiHubCall } from '../context.ts';

export const registerPatient = (call: ApiHubCall): Reply => gpConnectRegister(coreCall(call));
