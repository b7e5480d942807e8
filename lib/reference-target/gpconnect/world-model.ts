// The provider's internal records. FHIR shapes are made from these in resources.ts, so a fault that changes
// a response never has to touch what is stored.

export interface Address {
  line: string[];
  city: string;
  postalCode: string;
}

export interface OrganizationRec {
  id: string;
  odsCode: string;
  orgType: string;
  name: string;
  phone: string;
  address: Address;
}

export interface LocationRec {
  id: string;
  odsSiteCode: string;
  name: string;
  organizationId: string;
  phone: string;
  address: Address;
}

export interface PractitionerRec {
  id: string;
  sdsUserId: string;
  family: string;
  given: string;
  prefix: string;
  gender: 'male' | 'female';
  roleCode: string;
  roleDisplay: string;
}

export interface ScheduleRec {
  id: string;
  organizationId: string;
  locationId: string;
  practitionerId: string;
  serviceCategory: string;
  horizonStart: Date;
  horizonEnd: Date;
}

export type DeliveryChannel = 'In-person' | 'Telephone' | 'Video' | 'Visit';

export interface SlotRec {
  id: string;
  scheduleId: string;
  start: Date;
  end: Date;
  deliveryChannel: DeliveryChannel;
  serviceType: string;
  status: 'free' | 'busy';
  /** Availability rules: empty lists mean any consumer may book. */
  heldForOrgTypes: string[];
  heldForOdsCodes: string[];
  version: number;
  lastUpdated: Date;
}

export interface PatientRec {
  id: string;
  nhsNumber: string;
  family: string;
  given: string;
  prefix?: string;
  gender: 'male' | 'female';
  birthDate: string;
  active: boolean;
  registrationType: 'R' | 'T';
  registrationStart: Date;
  registrationEnd?: Date;
  organizationId: string;
  practitionerId: string;
  /** Unknown for a patient registered through GP Connect: the consumer sends only what PDS tracing needs. */
  address?: Address;
  phone?: string;
  version: number;
  lastUpdated: Date;
}

export type PdsStatus = 'traced' | 'deceased' | 'sensitive' | 'superseded' | 'unavailable';

export interface PdsRecord {
  nhsNumber: string;
  status: PdsStatus;
  /** Demographics PDS holds; when absent, any demographics sent trace successfully. */
  demographics?: { family: string; given: string; gender: string; birthDate: string };
}

export interface AppointmentRec {
  id: string;
  version: number;
  lastUpdated: Date;
  /** The resource as returned, without id and meta (added on the way out). */
  resource: Record<string, unknown>;
  /** The slots this booking holds, freed again on cancellation. */
  slotIds: string[];
  patientId: string;
}
