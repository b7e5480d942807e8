// Register a patient: POST /Patient/$gpc.registerpatient with a Parameters resource holding one Patient.
// Creates (or reactivates) a temporary registration after tracing the patient on PDS.
import type { Reply } from '../../types.ts';
import { searchset } from '../bundle.ts';
import type { Call } from '../call.ts';
import { GPC_PRACTICES, NHS_NUMBER_SYSTEM } from '../fixtures.ts';
import { isObject, nonBlankString, objectsIn, parseJson, type JsonObject } from '../../../common/json.ts';
import { requireValidNhsNumber } from '../nhs-number.ts';
import { badRequest, GpcError, invalidResource } from '../outcome.ts';
import { patientResource } from '../resources.ts';
import { DAYS, wholeSeconds } from '../../../common/london-time.ts';
import type { PatientRec, PdsRecord } from '../world-model.ts';

/** A temporary resident is registered for up to three months. */
const TEMPORARY_REGISTRATION_MS = DAYS(91);

interface Demographics {
  nhsNumber: string;
  family: string;
  given: string;
  gender: 'male' | 'female';
  birthDate: string;
}

function registerPatientParameter(rawBody: string): JsonObject {
  const body = parseJson(rawBody);
  if (body === undefined) throw badRequest('the request body is not valid JSON');
  if (!isObject(body) || body.resourceType !== 'Parameters') throw invalidResource('the request body must be a Parameters resource');
  const parameters = objectsIn(body.parameter);
  if (parameters.length !== 1 || parameters[0]!.name !== 'registerPatient') {
    throw invalidResource('Parameters must hold exactly one parameter, registerPatient');
  }
  const patient = parameters[0]!.resource;
  if (!isObject(patient) || patient.resourceType !== 'Patient') throw invalidResource('registerPatient must be a Patient resource');
  return patient;
}

function demographicsOf(patient: JsonObject): Demographics {
  const nhsNumber = objectsIn(patient.identifier).find((i) => i.system === NHS_NUMBER_SYSTEM)?.value;
  if (!nonBlankString(nhsNumber)) throw invalidResource('the Patient needs an NHS number identifier');
  const name = objectsIn(patient.name).find((n) => n.use === 'official');
  const given = Array.isArray(name?.given) ? name.given[0] : undefined;
  if (!name || !nonBlankString(name.family) || !nonBlankString(given)) {
    throw invalidResource('the Patient needs an official name with family and given names');
  }
  if (patient.gender !== 'male' && patient.gender !== 'female') throw invalidResource('the Patient needs a gender');
  if (typeof patient.birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate)) {
    throw invalidResource('the Patient needs a birthDate');
  }
  return { nhsNumber, family: name.family, given, gender: patient.gender, birthDate: patient.birthDate };
}

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function traceOnPds(d: Demographics, call: Call): void {
  const record: PdsRecord = call.world.pdsLookup(d.nhsNumber);
  if (record.status === 'superseded') throw new GpcError('INVALID_NHS_NUMBER', `${d.nhsNumber} has been superseded on PDS`);
  if (record.status === 'unavailable') throw new GpcError('INTERNAL_SERVER_ERROR', 'the PDS trace could not be completed: PDS did not answer');
  if ((record.status === 'deceased' || record.status === 'sensitive') && !call.ctx.fault('gpc-deceased-registrable')) {
    throw new GpcError('INVALID_PATIENT_DEMOGRAPHICS', `the patient cannot be registered: PDS marks them ${record.status}`);
  }
  const pds = record.demographics;
  const matches = !pds || (sameText(pds.family, d.family) && sameText(pds.given, d.given) && pds.gender === d.gender && pds.birthDate === d.birthDate);
  if (!matches) throw new GpcError('INVALID_PATIENT_DEMOGRAPHICS', 'the demographics sent do not match the PDS record');
}

function temporaryPeriod(call: Call): Pick<PatientRec, 'active' | 'registrationType' | 'registrationStart' | 'registrationEnd' | 'lastUpdated'> {
  const now = wholeSeconds(call.ctx.now());
  return {
    active: true,
    registrationType: 'T',
    registrationStart: now,
    registrationEnd: new Date(now.getTime() + TEMPORARY_REGISTRATION_MS),
    lastUpdated: now,
  };
}

/** New temporary residents join the provider's first practice, with its first clinician as their usual GP. */
function newTemporaryPatient(d: Demographics, call: Call): Omit<PatientRec, 'id'> {
  const practice = GPC_PRACTICES[0]!;
  return { ...d, ...temporaryPeriod(call), organizationId: practice.organizationId, practitionerId: '1', version: 1 };
}

function registeredReply(patient: PatientRec, call: Call): Reply {
  if (call.ctx.fault('gpc-register-returns-201')) return { status: 201, body: patientResource(patient, call.ctx) };
  return { status: 200, body: searchset([{ resource: patientResource(patient, call.ctx), mode: 'match' }], call.req.baseUrl, call.ctx) };
}

export function registerPatient(call: Call): Reply {
  const d = demographicsOf(registerPatientParameter(call.req.rawBody));
  requireValidNhsNumber(d.nhsNumber, call.ctx);
  const existing = call.world.patientByNhsNumber(d.nhsNumber);
  if (existing?.active) {
    if (call.ctx.fault('gpc-register-duplicate-accepted')) return registeredReply(existing, call);
    throw new GpcError('DUPLICATE_REJECTED', `the patient with NHS number ${d.nhsNumber} is already registered`);
  }
  traceOnPds(d, call);
  if (existing) {
    // A former patient: the registration is reactivated as a temporary one.
    Object.assign(existing, { ...temporaryPeriod(call), version: existing.version + 1 });
    return registeredReply(existing, call);
  }
  return registeredReply(call.world.addPatient(newTemporaryPatient(d, call)), call);
}
