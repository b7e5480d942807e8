// Profile, extension and code system URLs of GP Connect STU3 resources.

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const CS = 'https://fhir.nhs.uk/STU3/CodeSystem/';

export const PROFILE = {
  appointment: `${SD}GPConnect-Appointment-1`,
  slot: `${SD}GPConnect-Slot-1`,
  schedule: `${SD}GPConnect-Schedule-1`,
  patient: `${SD}CareConnect-GPC-Patient-1`,
  organization: `${SD}CareConnect-GPC-Organization-1`,
  location: `${SD}CareConnect-GPC-Location-1`,
  practitioner: `${SD}CareConnect-GPC-Practitioner-1`,
} as const;

export const EXTENSION = {
  bookingOrganisation: `${SD}Extension-GPConnect-BookingOrganisation-1`,
  cancellationReason: `${SD}Extension-GPConnect-AppointmentCancellationReason-1`,
  deliveryChannel: `${SD}Extension-GPConnect-DeliveryChannel-2`,
  practitionerRole: `${SD}Extension-GPConnect-PractitionerRole-1`,
  registrationDetails: `${SD}Extension-CareConnect-GPC-RegistrationDetails-1`,
  nhsNumberVerification: `${SD}Extension-CareConnect-GPC-NHSNumberVerificationStatus-1`,
} as const;

export const CODE_SYSTEM = {
  sdsJobRole: `${CS}CareConnect-SDSJobRoleName-1`,
  registrationType: `${CS}CareConnect-RegistrationType-1`,
  nhsNumberVerification: `${CS}CareConnect-NHSNumberVerificationStatus-1`,
} as const;

export const IDENTIFIER_SYSTEM = {
  odsSite: 'https://fhir.nhs.uk/Id/ods-site-code',
  sdsUser: 'https://fhir.nhs.uk/Id/sds-user-id',
  sdsRoleProfile: 'https://fhir.nhs.uk/Id/sds-role-profile-id',
} as const;

export const REGISTER_PATIENT_OPERATION = 'https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-RegisterPatient-Operation-1';
