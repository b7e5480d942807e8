// Anchor fixtures of the GP Connect reference provider: the same for every seed, so that targets.yaml and the
// suites can name them. Everything else in the world (names, addresses, which slots are busy) follows the seed.

export const GPC_PACK_ID = 'gpconnect-1.2';
export const GPC_BASE_PATH = '/gpconnect/fhir';

export const ORG_TYPE_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1';
export const ODS_ORG_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

export interface PracticeFixture {
  organizationId: string;
  odsCode: string;
  orgType: string;
  name: string;
}

export const GPC_PRACTICES: readonly PracticeFixture[] = [
  { organizationId: '1', odsCode: 'A81001', orgType: 'gp-practice', name: 'Riverside Surgery' },
  { organizationId: '2', odsCode: 'A81002', orgType: 'gp-practice', name: 'Oakwood Medical Centre' },
  { organizationId: '3', odsCode: 'A81003', orgType: 'urgent-care', name: 'Northgate Urgent Treatment Centre' },
];

export const GPC_FIXTURES = {
  pack: GPC_PACK_ID,
  basePath: GPC_BASE_PATH,
  providerAsid: '918999198993',
  consumerAsid: '200000000359',
  /** The provider's practices (the Organizations behind Location.managingOrganization). */
  practices: GPC_PRACTICES,
  odsCodes: GPC_PRACTICES.map((p) => p.odsCode),
  orgTypeSystem: ORG_TYPE_SYSTEM,
  orgTypes: ['gp-practice', 'urgent-care'],
  /** The booking (consumer) organisation: goes in the JWT, the searchFilter and the contained booking Organization. */
  consumer: {
    odsCode: 'Y90001',
    orgType: 'urgent-care',
    name: 'Southfield NHS 111 Service',
    phone: '01632 960001',
  },
  /**
   * Slot availability rules: most slots are open to every consumer; the 11:45 slot of every schedule is held for
   * `urgent-care` consumers and the 11:30 slot for one neighbouring practice. They appear only when the
   * searchFilter names that org type / ODS code, and a booking organisation must qualify for them.
   */
  slotRules: {
    orgTypeHeldSlotTime: '11:45',
    heldForOrgType: 'urgent-care',
    odsHeldSlotTime: '11:30',
  },
  /** Registered, active patients: NHS number and logical id. */
  registeredPatients: [
    { nhsNumber: '9990000042', id: '1' },
    { nhsNumber: '9990000182', id: '2' },
    { nhsNumber: '9990000336', id: '3' },
    { nhsNumber: '9990000476', id: '4' },
  ],
  /** Registered once, now inactive: not found by the patient search; registering reactivates it. */
  inactivePatient: { nhsNumber: '9990000700', id: '5' },
  /**
   * Also inactive, for the scenarios that register (reactivate) one: each takes its own, so the inactive patient
   * above stays inactive for the find scenario whatever the order, shard or concurrency.
   */
  reactivatablePatients: [
    { nhsNumber: '9990000719', id: '6' },
    { nhsNumber: '9990000727', id: '7' },
  ],
  /**
   * Rule: any NHS number with a valid check digit that is not registered and not one of the special numbers below
   * is known to PDS and can be registered (temporary registration). These are examples.
   */
  registrableRule: 'any valid mod-11 NHS number not registered and not special',
  registrableNhsNumbers: ['9990001456', '9990001596', '9990001820', '9990001960'],
  /** A PDS record with fixed demographics: registering it with other demographics fails the trace. */
  pdsTracedPatient: {
    nhsNumber: '9990000840',
    family: 'Pemberton',
    given: 'Eleanor',
    gender: 'female',
    birthDate: '1961-04-17',
  },
  deceasedNhsNumber: '9990000980',
  sensitiveNhsNumber: '9990001022',
  supersededNhsNumber: '9990001162',
  /** Registering this one finds PDS unavailable (500 INTERNAL_SERVER_ERROR). */
  pdsUnavailableNhsNumber: '9990001316',
  /** Wrong check digit. */
  invalidNhsNumber: '9990000043',
  unknownAppointmentId: '999999',
  unknownPatientId: '999999',
  unknownSlotId: '999999',
} as const;

export type GpcFixtures = typeof GPC_FIXTURES;
