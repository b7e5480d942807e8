// Anchor data of the federated API Hub world: the same for every seed, so targets.yaml and the suites can
// name it. Names, addresses and which ordinary slots are busy follow the seed.

export const APIHUB_PACK_ID = 'apihub-appointments';
/** The module's base path; each practice is served below it at /<ODS>/fhir. */
export const APIHUB_BASE_PATH = '/apihub';

/** One surgery session of a practice's working day: `count` slots of `minutes`, from hh:mm. */
export interface Session {
  hour: number;
  minute: number;
  count: number;
  minutes: number;
  /** Never busy in the seeded world (so where the earliest free slot is does not depend on the seed). */
  alwaysFree?: boolean;
  service: string;
}

export interface PracticeDef {
  ods: string;
  name: string;
  /** One clinician (and one Schedule) each. */
  clinicians: number;
  sessions: readonly Session[];
  /** The diary is released this many days ahead of today at the earliest: no slot before that day. */
  firstDayOffset: number;
}

/**
 * Three federated practices with different diaries. A81002 runs an early surgery (07:30-09:00, never busy), so
 * for any search that starts tomorrow or later the earliest free slot across the federation is A81002's 07:30
 * slot on the first working day of the range. A81003 releases its diary only from a week ahead, so a search of
 * the next few days there is empty (the "widen the range" case).
 */
export const APIHUB_PRACTICES: readonly PracticeDef[] = [
  {
    ods: 'A81001',
    name: 'Beacon Street Surgery',
    clinicians: 2,
    sessions: [
      { hour: 9, minute: 0, count: 12, minutes: 15, service: 'General GP appointment' },
      { hour: 14, minute: 0, count: 8, minutes: 15, service: 'General GP appointment' },
    ],
    firstDayOffset: 0,
  },
  {
    ods: 'A81002',
    name: 'Holloway Road Medical Practice',
    clinicians: 1,
    sessions: [
      { hour: 7, minute: 30, count: 6, minutes: 15, alwaysFree: true, service: 'Early surgery' },
      { hour: 10, minute: 0, count: 8, minutes: 20, service: 'Routine appointment' },
    ],
    firstDayOffset: 0,
  },
  {
    ods: 'A81003',
    name: 'Millbrook Health Centre',
    clinicians: 1,
    sessions: [{ hour: 8, minute: 30, count: 10, minutes: 10, service: 'Routine appointment' }],
    firstDayOffset: 7,
  },
];

/** Registered patients: NHS number and the practices that hold a record (each with its own logical id). */
export const APIHUB_REGISTRATIONS: ReadonlyArray<{ nhsNumber: string; practices: readonly string[] }> = [
  { nhsNumber: '9990740003', practices: ['A81001', 'A81002', 'A81003'] },
  { nhsNumber: '9990740372', practices: ['A81002'] },
  { nhsNumber: '9990740747', practices: ['A81001', 'A81003'] },
];

export const APIHUB_FIXTURES = {
  practices: APIHUB_PRACTICES.map((p) => ({ ods: p.ods, base: `${APIHUB_BASE_PATH}/${p.ods}/fhir` })),
  registeredEverywhere: '9990740003',
  registeredOnlyAtA81002: '9990740372',
  registeredAtA81001AndA81003: '9990740747',
  /** Valid, known to PDS, registered nowhere, and never registered by a scenario: finding it finds nothing. */
  unregisteredNhsNumber: '9990741115',
  /** Valid and registered nowhere: a scenario that registers takes its own. Any other valid number is registrable too. */
  registrableNhsNumbers: [
    '9990741484', '9990741859', '9990742227', '9990742596', '9990742960', '9990743339', '9990743703', '9990744076',
    '9990744440', '9990744815', '9990745188', '9990745552', '9990745927', '9990746664', '9990747032', '9990747407',
  ],
  /** Logical patient ids are per practice: A81001 numbers its records from 101, A81002 from 201, A81003 from 301. */
  firstPatientIds: { A81001: 101, A81002: 201, A81003: 301 },
} as const;
