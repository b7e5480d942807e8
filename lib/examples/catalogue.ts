// What each published example response is: the pack(s) whose scenarios may judge it, and the request it
// answers, so only steps that send that kind of request (and expect that kind of answer) replay it.
// Error examples need no request: they apply wherever a step expects their error code.

/** A request, in the shape a step's request is compared with (lib/examples/replay.ts). */
export interface ExampleRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Matched against the step's path with every ${...} written as {x}. */
  path: RegExp;
  /** GP Connect: the Ssp-InteractionID, where one path serves two interactions (amend vs cancel). */
  interaction?: string;
  /** The success status the step must expect. */
  status: number;
  /** Search parameters as sent, values with a run-time part written as {x}; from the example's self link where it has one. */
  query?: Array<[string, string]>;
  /** The published request example this response answers (a path under the spec folder): a write step applies only if its body agrees with it. */
  body?: string;
  /** Fixtures the request must name (in its path, query or bindings): the example answers for that kind of data. */
  names?: RegExp;
  /** Reads: what the scenario must have done to the resource before (its last accepted write), or the fixture it reads. */
  after?: State;
}

/** The state a read finds: set by the scenario's last accepted write, or the fixture the path names. */
export type State = 'booked' | 'deferred' | 'cancelled' | 'unbooked';

export interface ExampleEntry {
  /** Path under the spec folder. */
  file: string;
  packs: string[];
  /** Short: what the example is. */
  what: string;
  /** Success responses: the request they answer. Error responses (OperationOutcome) leave it out. */
  request?: ExampleRequest;
  /** Why no check of any step can judge this example (the test requires exactly these to have none). */
  unjudged?: string;
}

const GPC = 'gpconnect-1.2';
const ERS = ['ers-a016', 'ers-a016-apim', 'ers-bookdirect'];
// G1 (legacy xAPI) and G2 (API platform) share the STU3 bodies of A005, A015 and A016 (ers.md A.2, B.2, E.1),
// and the $ers.bookdirect pack reads referrals and slots through the STU3 v1 API: their examples serve all three.
// A016 answers only the two packs that book through POST /Appointment ($ers.bookdirect answers with no body).
const ERS_BOOKING = ['ers-a016', 'ers-a016-apim'];
const GPC_INT = 'urn:nhs:names:services:gpconnect:fhir:rest:';

// Error codes of the GP Connect error page that no booking scenario provokes.
const UNTESTED_GPC_CODES = ['ACCESS_DENIED', 'NO_PATIENT_CONSENT', 'PATIENT_NOT_FOUND'];

const gpcErrors = (version: string): ExampleEntry[] =>
  ['ACCESS_DENIED', 'BAD_REQUEST', 'DUPLICATE_REJECTED', 'INTERNAL_SERVER_ERROR', 'INVALID_NHS_NUMBER', 'NO_PATIENT_CONSENT', 'NO_RECORD_FOUND', 'PATIENT_NOT_FOUND', 'REFERENCE_NOT_FOUND']
    .map((code) => ({
      file: `gpconnect-examples/errors-${version}/${code}.json`,
      packs: [GPC],
      what: `GP Connect ${version} error page: ${code}`,
      ...(UNTESTED_GPC_CODES.includes(code) ? { unjudged: `no scenario expects ${code}` } : {}),
    }))
    // Spine Security Proxy errors: not a provider's answer, so no provider scenario can judge them.
    .concat(['400', '403', '403_11', '403_12', '405', '415', '502'].map((code) => ({ file: `gpconnect-examples/errors-${version}/${code}.json`, packs: [], what: `GP Connect ${version} error page: SSP ${code}`, unjudged: 'a Spine Security Proxy error, not a provider response' })));

const ersSlots = (file: string, query: string): ExampleEntry => ({
  file,
  packs: ERS,
  what: 'A015 slot search',
  request: { method: 'GET', path: /(^|\/)Slot$/, status: 200, query: Array.from(new URLSearchParams(query).entries()) },
});

const sandbox = 'ers-examples/apim-sandbox-stu3';
// Sandbox errors whose code no e-RS scenario expects (an extra parameter is no error anywhere: suites/ers-bookdirect/decisions.md).
const UNTESTED_ERS: Record<string, string> = { 'STU3-ServiceUnavailable': 'SYSTEM_UNAVAILABLE', 'STU3-OperationOutcome': 'UNEXPECTED_FIELD' };

export const EXAMPLES: ExampleEntry[] = [
  // GP Connect 1.2 appointment pages (feature/1.2.9)
  { file: 'gpconnect-examples/book_appt_response_example.json', packs: [GPC], what: 'book an appointment', request: { method: 'POST', path: /^\/Appointment$/, status: 201, body: 'gpconnect-examples/book_appt_request_example.json' } },
  { file: 'gpconnect-examples/read_appt_response_example.json', packs: [GPC], what: 'read an appointment', request: { method: 'GET', path: /^\/Appointment\/\{x\}$/, interaction: `${GPC_INT}read:appointment-1`, status: 200, after: 'booked' } },
  { file: 'gpconnect-examples/amend_appt_response_example.json', packs: [GPC], what: 'amend an appointment', request: { method: 'PUT', path: /^\/Appointment\/\{x\}$/, interaction: `${GPC_INT}update:appointment-1`, status: 200, body: 'gpconnect-examples/amend_appt_request_example.json' } },
  { file: 'gpconnect-examples/cancel_appt_response_example.json', packs: [GPC], what: 'cancel an appointment', request: { method: 'PUT', path: /^\/Appointment\/\{x\}$/, interaction: `${GPC_INT}cancel:appointment-1`, status: 200, body: 'gpconnect-examples/cancel_appt_request_example.json' } },
  {
    file: 'gpconnect-examples/retrieve_patients_appts_response_example.json',
    packs: [GPC],
    what: "retrieve a patient's appointments",
    request: { method: 'GET', path: /^\/Patient\/\{x\}\/Appointment$/, status: 200, query: [['start', 'ge{x}'], ['start', 'le{x}']], after: 'booked' },
  },
  {
    file: 'gpconnect-examples/search_for_free_slots_response_example.json',
    packs: [GPC],
    // The Bundle carries Practitioner and Location, which are returned only when asked for (B.2): the request asked.
    what: 'search for free slots (with the Practitioner and Location includes)',
    request: {
      method: 'GET',
      path: /^\/Slot$/,
      status: 200,
      query: [['start', 'ge{x}'], ['end', 'le{x}'], ['status', 'free'], ['_include', 'Slot:schedule'], ['_include:recurse', 'Schedule:actor:Practitioner'], ['_include:recurse', 'Schedule:actor:Location'], ['_include:recurse', 'Location:managingOrganization']],
    },
  },
  { file: 'gpconnect-examples/find_patient_response_example.json', packs: [GPC], what: 'find a patient', request: { method: 'GET', path: /^\/Patient$/, status: 200, query: [['identifier', 'https://fhir.nhs.uk/Id/nhs-number|{x}']], names: /\$\{fixture\.nhsNumber\}/ } },
  { file: 'gpconnect-examples/register_patient_response_example.json', packs: [GPC], what: 'register a patient', request: { method: 'POST', path: /^\/Patient\/\$gpc\.registerpatient$/, status: 200 } },
  { file: 'gpconnect-examples/get_capability_statement_response_example.json', packs: [GPC], what: 'CapabilityStatement', request: { method: 'GET', path: /^\/metadata$/, status: 200, query: [] } },
  { file: 'gpconnect-examples/demonstrator-capability-1.2.8.json', packs: [GPC], what: 'CapabilityStatement of the demonstrator', request: { method: 'GET', path: /^\/metadata$/, status: 200, query: [] } },
  // A resource the read appointment page points at, not the answer to an interaction any pack covers.
  { file: 'gpconnect-examples/unknown_visit_location_example.json', packs: [], what: "the 'unknown' visit Location", unjudged: 'no scenario reads a Location' },
  ...gpcErrors('1.2.9'),
  ...gpcErrors('1.6.2'),

  // e-RS G1 legacy xAPI (developer.nhs.uk downloads)
  { file: 'ers-examples/A005_Response.json', packs: ERS, what: 'A005 read a booked referral', request: { method: 'GET', path: /(^|\/)ReferralRequest\/\{x\}$/, status: 200, after: 'booked' } },
  { file: 'ers-examples/A011_Response.json', packs: [], what: 'A011 create a referral', unjudged: 'no scenario creates a referral' },
  ersSlots('ers-examples/A015_Response.json', 'schedule.actor:HealthcareService={x}&appointmentType=ROUTINE&_count=5&status=free&_include=Slot:schedule&page=1'),
  { file: 'ers-examples/A016_Response_BOOK.json', packs: ERS_BOOKING, what: 'A016 book (invalid JSON: the last brace is missing)', request: { method: 'POST', path: /^\/Appointment$/, status: 201, body: 'ers-examples/A016_Request_BOOK.json' } },
  { file: 'ers-examples/A016_Response_DEFER.json', packs: ERS_BOOKING, what: 'A016 defer', request: { method: 'POST', path: /^\/Appointment$/, status: 201, body: 'ers-examples/A016_Request_DEFER.json' } },

  // e-RS G2 API platform sandbox (NHSDigital/e-referrals-service-api)
  ...['BookingWithNamedClinician', 'DeferralBookingAttemptProblem', 'DeferralWithSlotReference', 'MinimalBooking', 'MinimalDeferral', 'TriageDeferral'].map((name) => ({
    file: `${sandbox}/bookOrDeferAppointment/responses/${name}.json`,
    packs: ERS_BOOKING,
    what: `A016 ${name}`,
    ...(name === 'BookingWithNamedClinician' ? { unjudged: 'the steps that book a named clinician only compare with run values' } : {}),
    request: { method: 'POST' as const, path: /^\/Appointment$/, status: 201, body: `${sandbox}/bookOrDeferAppointment/requests/${name}.json` },
  })),
  { file: `${sandbox}/retrieveAppointment/responses/BookedDBS.json`, packs: ['ers-a016-apim'], what: 'A038 read a booked appointment', request: { method: 'GET', path: /^\/Appointment\/\{x\}$/, status: 200, after: 'booked' } },
  { file: `${sandbox}/retrieveAppointment/responses/AppointmentDeferral.json`, packs: ['ers-a016-apim'], what: 'A038 read a deferral', unjudged: 'no scenario reads a deferral back through A038', request: { method: 'GET', path: /^\/Appointment\/\{x\}$/, status: 200, after: 'deferred' } },
  { file: `${sandbox}/retrieveReferralRequest/responses/BookedDBS.json`, packs: ERS, what: 'A005 read a booked referral', request: { method: 'GET', path: /(^|\/)ReferralRequest\/\{x\}$/, status: 200, after: 'booked' } },
  { file: `${sandbox}/retrieveReferralRequest/responses/DeferredToProvider.json`, packs: ERS, what: 'A005 read a deferred referral', request: { method: 'GET', path: /(^|\/)ReferralRequest\/\{x\}$/, status: 200, after: 'deferred' } },
  { file: `${sandbox}/retrieveReferralRequest/responses/Unbooked.json`, packs: ERS, what: 'A005 read an unbooked referral', request: { method: 'GET', path: /(^|\/)ReferralRequest\/\{x\}$/, status: 200, after: 'unbooked' } },
  ersSlots(`${sandbox}/retrieveAppointmentSlots/responses/Minimum.json`, 'schedule.actor:HealthcareService={x}&appointmentType=ROUTINE&_count=20&status=free&_include=Slot:schedule&page=1'),
  ersSlots(`${sandbox}/retrieveAppointmentSlots/responses/NoSlots.json`, 'schedule.actor:HealthcareService={none}&appointmentType=ROUTINE&_count=20&status=free&_include=Slot:schedule&page=1'),
  ersSlots(`${sandbox}/retrieveAppointmentSlots/responses/Page1PageSize5.json`, 'schedule.actor:HealthcareService={x}&appointmentType=ROUTINE&_count=5&status=free&_include=Slot:schedule&page=1'),
  ersSlots(`${sandbox}/retrieveAppointmentSlots/responses/Page2PageSize5.json`, 'schedule.actor:HealthcareService={x}&appointmentType=ROUTINE&_count=5&status=free&_include=Slot:schedule&page=2'),
  ersSlots(`${sandbox}/retrieveAppointmentSlots/responses/Page1With2Schedules.json`, 'schedule.actor:HealthcareService={x}&appointmentType=ROUTINE&_count=5&status=free&_include=Slot:schedule&page=1'),
  {
    ...ersSlots(`${sandbox}/retrieveAppointmentSlots/responses/SlotClinicianSearch.json`, 'schedule.actor:Practitioner={x}&schedule.actor:HealthcareService={x}&appointmentType=ROUTINE&_count=5&status=free&_include=Slot:schedule&page=1'),
    unjudged: 'no scenario searches a clinician\'s slots five to a page',
  },
  ...['ErrorPage5', 'PasNotRespondingOperationOutcome', 'PasRespondedWithErrorOperationOutcome', 'STU3-Forbidden', 'STU3-OperationOutcome', 'STU3-ServiceUnavailable', 'STU3-Unauthorised'].map((name) => ({
    file: name === 'ErrorPage5' ? `${sandbox}/retrieveAppointmentSlots/responses/${name}.json` : `${sandbox}/${name}.json`,
    packs: ERS,
    what: `e-RS error ${name}`,
    ...(UNTESTED_ERS[name] ? { unjudged: `no scenario expects ${UNTESTED_ERS[name]}` } : {}),
  })),
  // A034 cancellation (no suite cancels an e-RS appointment) and the sandbox's own catch-all: their codes still meet the packs' tables.
  { file: `${sandbox}-extra/A034-MinimalCancellation.json`, packs: [], what: 'A034 cancel an appointment', unjudged: 'no scenario cancels an e-RS appointment' },
  { file: `${sandbox}-extra/CancellationInvalidReason.json`, packs: ERS, what: 'A034 error INAPPROPRIATE_VALUE' },
  { file: `${sandbox}-extra/CancellationReasonOnlyCommentMandatory.json`, packs: ERS, what: 'A034 error MISSING_VALUE' },
  { file: `${sandbox}-extra/STU3-SandboxErrorOutcome.json`, packs: [], what: 'the sandbox catch-all SANDBOX_ERROR', unjudged: "the sandbox's own error, not a provider response" },
];

/** Request examples: bodies a consumer sends, never replayed through response checks. */
export function isRequestExample(file: string): boolean {
  return /_request_example\.json$/.test(file) || /\/requests\//.test(file) || /A011_Request\.json$/.test(file) || /A016_Request_[A-Z]+\.json$/.test(file);
}
