// Freedoms the e-RS specifications give a conformant provider. Each is consulted at exactly one
// place in the module (grep the name to find it); with any of them on, every scenario must still
// pass (a `should` liberty may warn). liberties.test.ts keeps the list and the code in step.
import type { LibertyDef } from '../types.ts';

const G1 = 'ers-a016';
const G2 = 'ers-a016-apim';
const G0 = 'ers-bookdirect';

export const ERS_LIBERTIES = [
  // Status codes where two legacy sources disagree (suites/ers-a016/decisions.md)
  {
    name: 'ers-legacy-pas-gateway-statuses',
    pack: G1,
    description: 'legacy A016 answers PAS_NOT_RESPONDING with 504 and PAS_RESPONDED_WITH_ERROR with 502 (the error page) instead of 422',
    grantedBy:
      'e-RS legacy explore_error_messages: "502 bad gateway (PDS, SDS, PAS...)", "504 gateway timeout (PDS, SDS, PAS...)"; legacy A014 pairs 504 PAS_NOT_RESPONDING and 502 PAS_RESPONDED_WITH_ERROR (ers.md B.1 status-mapping discrepancy)',
  },
  {
    name: 'ers-legacy-forbidden-403',
    pack: G1,
    description: 'legacy A016 answers FORBIDDEN and NO_RELATIONSHIP with 403 (the error page) instead of 422',
    grantedBy: 'e-RS legacy explore_error_messages: "403 not authorised (business function, org role, legitimate relationship, referrer rights)" (ers.md E.2, B.1 discrepancy)',
  },
  {
    name: 'ers-legacy-lock-statuses',
    pack: G1,
    description: 'legacy A016 answers VERSION_CONFLICT with 409 and REFERRAL_LOCKED with 423 (the error page) instead of 422',
    grantedBy: 'e-RS legacy explore_error_messages: "409 optimistic locking: out-of-date version", "423 locked" (ers.md E.2, B.1 discrepancy)',
  },
  {
    name: 'ers-a005-page-statuses',
    pack: G1,
    description: 'legacy A005 answers an unknown UBRN (NO_SUCH_REQUEST) and a missing legitimate relationship (NO_RELATIONSHIP) with 422, as the A005 page, instead of the error page\'s 404 and 403',
    grantedBy: 'e-RS legacy explore_endpoint_a005, failure table (422 eRS-OperationOutcome-1): NO_RELATIONSHIP, and NO_SUCH_REQUEST for a UBRN no referral has',
  },
  {
    name: 'ers-page-out-of-range-416',
    pack: G1,
    description: 'legacy A015 answers a page beyond the last with 416 (the error page) instead of 422 INVALID_VALUE',
    grantedBy: 'e-RS legacy explore_error_messages: "416 page not in range (e.g. paging through appointment slots)" (ers.md A.1 discrepancy)',
  },
  // Optional or unordered parts of a response
  {
    name: 'ers-no-location-on-book',
    pack: G1,
    description: 'a 201 booking (status booked) carries no Location header (legacy and API platform)',
    should: true,
    grantedBy:
      'e-RS legacy explore_endpoint_a016: the book response names no header ("a FHIR Appointment resource is returned"); only the defer response requires "a Location: header"; API platform A016 201 headers: X-Correlation-ID, X-Request-ID, ETag, Content-Type (ers.md B.1, B.2, F.3)',
  },
  {
    name: 'ers-short-pages',
    pack: G1,
    description: 'slot search pages hold at most half the _count asked for (paging links and total stay right)',
    grantedBy: 'e-RS legacy explore_endpoint_a015, parameters: pageSize (_count) is "the maximum number of results"; page contents may have gaps (ers.md A.1)',
  },
  {
    name: 'ers-slot-bundle-order',
    pack: G1,
    description: 'slot search pages list the Schedules first and the Slots of the page latest first',
    grantedBy: 'FHIR STU3 search (http.html#search, _sort): without _sort the order of results is the server\'s; e-RS A015 defines no _sort parameter and no entry order (ers.md A.1, A.2)',
  },
  {
    name: 'ers-few-free-slots',
    pack: G1,
    description: 'the directly bookable service offers only 5 free slots in the six weeks searched (every pack)',
    grantedBy: 'e-RS legacy explore_endpoint_a015, success: no slots found is a "(valid) scenario" answered with an empty bundle, so a service may have any number of free slots (ers.md A.1); the fixture names the service, not how many slots it has',
  },
  {
    name: 'ers-opaque-appointment-ids',
    pack: G1,
    description: 'created Appointments get opaque non-numeric ids (e.g. appt-5f3a91c2) on every pack',
    grantedBy: 'FHIR STU3 id datatype: any [A-Za-z0-9-.]{1,64}; e-RS A016 only says the created Appointment carries its id ("id (e.g. 70002)" is an example, ers.md C.1, B.2)',
  },
  {
    name: 'ers-unknown-extensions',
    pack: G1,
    description: 'returned Appointments (A016, A038, and the one A005 contains) carry an extra extension with a URL the client does not know',
    grantedBy: 'FHIR STU3 extensibility (extensibility.html): every resource may carry extensions; a receiver that does not know one may ignore it (not a modifierExtension)',
  },
  {
    name: 'ers-a005-appointment-by-reference-only',
    pack: G1,
    description: 'A005 of a booked or deferred referral names its appointment only by Extension-eRS-Appointment-Reference-1, without the contained Appointment of the older example',
    grantedBy: 'e-RS A034/A005: the appointment is found through Extension-eRS-Appointment-Reference-1 (valueReference Appointment/{id}); the contained #appointment is only the older legacy A005 example\'s form (ers.md F.2, G.1)',
  },
  {
    name: 'ers-a005-legacy-booked-form',
    pack: G1,
    description: 'legacy and alpha A005 of a booked referral carry no eRS-ReferralState-1 extension: the booking shows only as the contained booked Appointment named by Extension-eRS-Appointment-1, as in the published G1 A005 example',
    grantedBy: 'published legacy A005_Response.json (a booked referral: Extension-eRS-Appointment-1 → #appointment, status booked, no ReferralState); the state extension is the current API\'s (ers.md G.1)',
  },
  {
    name: 'ers-extra-response-headers',
    pack: G1,
    description: 'responses carry further headers: Cache-Control no-cache, access-control-expose-headers, and on the legacy API Content-Disposition inline',
    grantedBy: 'e-RS API platform responses: "access-control-expose-headers: ...", "cache-control: no-cache"; legacy responses "sometimes Content-Disposition: inline;filename=f.txt" (ers.md F.1, F.3)',
  },
  {
    name: 'ers-slot-times-utc',
    pack: G1,
    description: 'slot (and so appointment) start and end are published in UTC with Z instead of London local time with its offset',
    grantedBy: 'e-RS legacy explore_endpoint_a015, Slot notes: start and end include "a timezone offset of 00:00 indicating UTC"; the published A015 examples (legacy and API platform) write 2021-02-09T09:00:00.000Z (ers.md A.1)',
  },
  {
    name: 'ers-created-with-offset',
    pack: G2,
    description: 'Appointment.created is written with +00:00 instead of Z',
    grantedBy: 'FHIR STU3 dateTime/instant: a time zone is Z or +hh:mm; the API platform 201 examples write created 2021-06-30T13:02:32.133+00:00 (ers.md B.2)',
  },
  {
    name: 'ers-bookdirect-etag-on-200',
    pack: G0,
    description: 'a successful $ers.bookdirect (200, blank body) carries an ETag W/"n" with the referral\'s new version',
    grantedBy: 'e-RS operations that update a referral by If-Match answer with its new version (A013: If-Match W/"10" gives ETag W/"11", ers.md F.2); the alpha page fixes only "200 (OK) ... with blank response body", no header is excluded',
  },
  {
    name: 'ers-no-access-forbidden',
    pack: G2,
    description: 'API platform 401 NO_ACCESS issues carry issue.code forbidden instead of login',
    grantedBy: 'e-RS API platform A016 error table: "401 eRS-OperationOutcome NO_ACCESS (issue.code login or forbidden)" (ers.md B.2)',
  },
] as const satisfies readonly LibertyDef[];

export type ErsLiberty = (typeof ERS_LIBERTIES)[number]['name'];
