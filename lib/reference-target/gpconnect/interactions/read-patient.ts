// Read one patient: GET /Patient/{id}.
import type { Reply } from '../../types.ts';
import { param, type Call } from '../call.ts';
import { GpcError } from '../outcome.ts';
import { patientResource } from '../resources.ts';
import { versionHeaders } from '../reply.ts';

export function readPatient(call: Call): Reply {
  const id = param(call);
  const patient = call.world.patients.get(id);
  if (!patient) throw new GpcError('PATIENT_NOT_FOUND', `no patient has the id ${id}`);
  return { status: 200, headers: versionHeaders(patient, call.ctx), body: patientResource(patient, call.ctx) };
}
