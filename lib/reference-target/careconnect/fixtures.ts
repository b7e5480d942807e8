// Anchor fixtures of the CareConnect reference provider: the same for every seed, so targets.yaml and the
// suites can name them. The slot pools are id ranges: each booking scenario takes its own free slot.

export const CC_PACK_ID = 'careconnect-appointment';
export const CC_BASE_PATH = '/careconnect/fhir';

export const APPOINTMENT_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1';
export const SLOT_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Slot-1';
export const PATIENT_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Patient-1';
export const HEALTHCARE_SERVICE_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-HealthcareService-1';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** A run of slot ids: `from`, `from + 1`, ... (digits only, so targets.yaml can declare it as a sequence). */
export interface SlotPool {
  from: number;
  count: number;
}

export const CC_FIXTURES = {
  pack: CC_PACK_ID,
  basePath: CC_BASE_PATH,
  /** The HealthcareService the consumer identified beforehand (prerequisite 2); every slot is offered by it. */
  healthcareServiceId: '4001',
  /** Patients whose NHS numbers the consumer has traced (prerequisite 1), with their logical ids here. */
  patients: [
    { id: '1', nhsNumber: '9990003009', family: 'Smith', given: 'Mike', gender: 'male', birthDate: '1974-03-12' },
    { id: '2', nhsNumber: '9990003017', family: 'Okafor', given: 'Grace', gender: 'female', birthDate: '1988-11-02' },
    { id: '3', nhsNumber: '9990003025', family: 'Lindqvist', given: 'Anna', gender: 'female', birthDate: '1959-06-30' },
  ],
  /** Free 15-minute slots from the next working day on: each booking scenario takes its own. */
  freeSlots: { from: 810001, count: 600 } satisfies SlotPool,
  /** Slots already booked by someone else when the world is made (a second schedule, so no time overlaps). */
  busySlots: { from: 890001, count: 60 } satisfies SlotPool,
  unknownSlotId: '899999',
  unknownPatientId: '999999',
} as const;

export type CcFixtures = typeof CC_FIXTURES;
