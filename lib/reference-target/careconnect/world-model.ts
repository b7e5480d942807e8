// The provider's internal records. FHIR shapes are made from these in resources.ts, so a fault that changes
// a response never has to touch what is stored.

export interface SlotRec {
  id: string;
  scheduleId: string;
  start: Date;
  end: Date;
  status: 'free' | 'busy';
}

export interface ScheduleRec {
  id: string;
  healthcareServiceId: string;
}

export interface HealthcareServiceRec {
  id: string;
  name: string;
}

export interface PatientRec {
  id: string;
  nhsNumber: string;
  family: string;
  given: string;
  gender: string;
  birthDate: string;
}

// A stored appointment is kept exactly as GP Connect keeps one.
export type { AppointmentRec } from '../gpconnect/world-model.ts';
