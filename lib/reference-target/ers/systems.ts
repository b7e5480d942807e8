// Canonical URLs, identifier systems and code systems of the e-RS STU3 APIs (exact strings).

export const PROFILES = {
  ersAppointment: 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1',
  careConnectAppointment: 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1',
  careConnectSlot: 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Slot-1',
  careConnectSchedule: 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Schedule-1',
  bundle: 'http://hl7.org/fhir/STU3/StructureDefinition/Bundle',
  referralRequest: 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ReferralRequest-1',
  shortlist: 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Shortlist-List-1',
  /** The alpha put this OperationDefinition URL, as a plain string, in Parameters.meta.profile. */
  bookDirectOperation: 'http://fhir.nhs.uk/OperationDefinition/ers-bookappointment-operation-1',
} as const;

export const IDENTIFIER_SYSTEMS = {
  ersService: 'http://fhir.nhs.net/Id/ers-service',
  nhsNumber: 'http://fhir.nhs.net/Id/nhs-number',
  sdsUserId: 'http://fhir.nhs.net/Id/sds-user-id',
  alternativeSlot: 'https://fhir.nhs.uk/Id/alternative-slot',
  /** R4 patient-care slot system: wrong on STU3, used only by a fault. */
  uniqueSlotReference: 'https://fhir.nhs.uk/Id/unique-slot-reference-number',
  ersSchedule: 'https://fhir.nhs.uk/Id/ers-schedule',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
} as const;

export const CODE_SYSTEMS = {
  reviewReason: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1',
  referralState: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1',
  priority: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1',
  /** A ValueSet URL used as a coding system: a documented quirk of the e-RS participant type. */
  participantType: 'http://hl7.org/fhir/ValueSet/encounter-participant-type',
} as const;

export const EXTENSIONS = {
  appointment: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Appointment-1',
  appointmentReference: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Appointment-Reference-1',
  priority: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-ReferralPriority-1',
  shortlist: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-ReferralShortlist-1',
  commissioningRuleOrg: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Commissioning-Rule-Org-1',
  referralState: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-ReferralState-1',
} as const;

export const APPOINTMENT_DESCRIPTION = 'e-Referral Appointment';

/** Reason codes of eRS-ReviewReason-1 a deferral may carry; TRIAGE exists only on the API platform (G2). */
export const LEGACY_DEFER_REASONS = ['NO_SLOTS_AT_SERVICE', 'SLOT_NOT_AVAILABLE', 'BOOKING_ATTEMPT_PROBLEM'] as const;
export const TRIAGE_REASON = 'TRIAGE';
