// The anchor values of the e-RS reference world. They never depend on the seed, so a target entry
// (targets.yaml) and the suites can name them; everything else (slot ids, USRNs, gaps) is seeded.

const POOL_FROM = '000000070000';
const POOL_COUNT = 1000;

export const ersFixtures = {
  /** Accredited System ID accepted in XAPI_ASID (G0/G1). */
  asid: '200000000999',
  /** HTTP_X_SESSION_KEY values; the session decides the user's business function (G0/G1). */
  sessionKeys: {
    referringClinician: 'pro-xapi-session_6f0e2b1c-0a0a-4e5e-9c01-000000000001',
    referringClinicianAdmin: 'pro-xapi-session_6f0e2b1c-0a0a-4e5e-9c01-000000000002',
    serviceProviderClinician: 'pro-xapi-session_6f0e2b1c-0a0a-4e5e-9c01-000000000003',
  },
  /** G2 (API platform) credentials and identity headers. */
  apim: {
    bearerTokens: ['ers-reference-token-0001', 'ers-reference-token-0002'],
    odsCode: 'R69',
    businessFunctions: {
      referringClinician: 'REFERRING_CLINICIAN',
      referringClinicianAdmin: 'REFERRING_CLINICIAN_ADMIN',
      serviceProviderClinician: 'SERVICE_PROVIDER_CLINICIAN',
    },
  },
  /** The Rule Context Organisation every referral carries (send it on slot search). */
  commissioningRuleOrg: 'R69',
  /** A real-looking ODS code that is not a referring organisation (slot search rejects it). */
  nonReferringOrg: 'RCX',
  services: {
    /** Directly bookable, plenty of slots, PAS confirms. */
    directlyBookable: '70000',
    /** Directly bookable; morning slots belong to the named clinician, afternoon slots to none. */
    namedClinician: '70001',
    /** Directly bookable with no slots at all (defer with NO_SLOTS_AT_SERVICE). */
    noSlots: '70002',
    /** Indirectly bookable: slot search and booking are refused (INVALID_STATE). */
    indirectlyBookable: '70003',
    /** Directly bookable; its PAS never answers within the booking window (PAS_NOT_RESPONDING). */
    pasTimeout: '70004',
    /** Directly bookable; its PAS answers with an error, the slot is lost (PAS_RESPONDED_WITH_ERROR). */
    pasError: '70005',
    /** Directly bookable; its PAS says the slot is already gone (UNABLE_TO_CONFIRM_APPOINTMENT). */
    pasSlotGone: '70006',
    /** Triage (referral assessment) service: G2 TRIAGE deferral only. */
    triage: '70007',
    /** On the shortlist but no longer available (SERVICE_UNAVAILABLE). */
    retired: '70008',
    /** Directly bookable with slots, but on no referral's shortlist. */
    notOnShortlist: '70009',
    /** No service has ever had this id. */
    unknown: '79999',
  },
  /** SDS user id of the clinician who owns the morning slots of services.namedClinician. */
  namedClinicianSdsId: '555000000101',
  /** An SDS user id that is not a clinician of any service. */
  otherClinicianSdsId: '555000000999',
  /** The patient of every pool referral (a valid NHS number). */
  patientNhsNumber: '9000000009',
  /** A valid NHS number that belongs to none of the pool referrals. */
  otherPatientNhsNumber: '9000000017',
  referrals: {
    /** Unbooked referrals, UBRN = from + i for i in 0..count-1, all at poolVersion with the same shortlist. */
    pool: { from: POOL_FROM, count: POOL_COUNT },
    poolVersion: 3,
    /** Booked into services.directlyBookable (version 5). */
    booked: '000000060001',
    /** Deferred to provider at services.noSlots (version 5). */
    deferred: '000000060002',
    /** Unbooked, but its patient cannot be booked through e-RS (PATIENT_ERROR). */
    patientError: '000000060003',
    /** Unbooked, owned by an organisation the users have no legitimate relationship with (NO_RELATIONSHIP). */
    noRelationship: '000000060004',
    /** No referral has this UBRN. */
    unknown: '000000099999',
  },
} as const;

export type ErsFixtures = typeof ersFixtures;

/** The pool of unbooked referrals as a sequence: UBRN(i) = from + i. */
export function ersReferralPool(): { from: string; count: number } {
  return { from: POOL_FROM, count: POOL_COUNT };
}

/** The i-th UBRN of the pool (0-based). */
export function poolUbrn(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= POOL_COUNT) throw new RangeError(`pool index ${i} outside 0..${POOL_COUNT - 1}`);
  return (BigInt(POOL_FROM) + BigInt(i)).toString().padStart(12, '0');
}

/** The services every referral (pool and specials) has on its shortlist. */
export const shortlistServiceIds: readonly string[] = [
  ersFixtures.services.directlyBookable,
  ersFixtures.services.namedClinician,
  ersFixtures.services.noSlots,
  ersFixtures.services.indirectlyBookable,
  ersFixtures.services.pasTimeout,
  ersFixtures.services.pasError,
  ersFixtures.services.pasSlotGone,
  ersFixtures.services.triage,
  ersFixtures.services.retired,
];
