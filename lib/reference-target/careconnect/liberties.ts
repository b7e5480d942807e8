// Freedoms seed 002 and FHIR STU3 leave a conformant CareConnect provider. Each is consulted at exactly one
// place in the module; with any of them on, every scenario must still pass (a `should` one may warn).
import type { LibertyDef } from '../types.ts';
import { CC_PACK_ID } from './fixtures.ts';

const P = CC_PACK_ID;

export const CC_LIBERTIES = [
  {
    name: 'cc-opaque-ids',
    pack: P,
    description: 'created Appointments get opaque non-numeric ids (cc-appt-…)',
    grantedBy: 'FHIR STU3 id datatype: any [A-Za-z0-9-.]{1,64}, assigned by the server on create; seed 002 example id "123123" is an example',
  },
  {
    name: 'cc-location-relative',
    pack: P,
    description: 'the 201 Location header is relative (Appointment/{id}/_history/{vid})',
    grantedBy: 'FHIR STU3 RESTful API, create: "The Location MAY be an absolute or relative URL"; seed 002 response headers: nothing beyond HTTP and FHIR',
  },
  {
    name: 'cc-unversioned',
    pack: P,
    description: 'the provider keeps no versions: no meta.versionId, no ETag, Location [base]/Appointment/{id}',
    grantedBy: 'FHIR STU3 RESTful API, create: a server that does not track versions returns Location [base]/[type]/[id]; ETag only "if versioning is supported"; Meta.versionId 0..1',
  },
  {
    name: 'cc-extra-elements',
    pack: P,
    description: 'the returned Appointment carries a provider identifier, an extension of its own and a generated narrative',
    grantedBy: 'FHIR STU3 Appointment.identifier 0..*, DomainResource.text 0..1 and extensibility (unknown non-modifier extensions may be ignored); seed 002 lists only what MUST be present',
  },
  {
    name: 'cc-duplicate-as-text',
    pack: P,
    description: 'DUPLICATE_REJECTED is carried as issue.details.text and diagnostics, without a coding',
    grantedBy: 'seed 002 error handling: "an error message DUPLICATE_REJECTED" names no code system; FHIR STU3 OperationOutcome.issue.details is a CodeableConcept (coding 0..*, text 0..1)',
  },
  {
    name: 'cc-validation-as-400',
    pack: P,
    description: 'a request body with a mandatory element missing or an invalid value is answered 400 instead of 422',
    grantedBy: 'FHIR STU3 RESTful API, create: 400 when the resource "failed basic FHIR validation rules", 422 when it "violated applicable FHIR profiles"; seed 002 asks only for an OperationOutcome',
  },
  {
    name: 'cc-specific-issue-types',
    pack: P,
    description: 'OperationOutcome issues use the most specific IssueType (structure, required, code-invalid, not-found, conflict) instead of invalid and duplicate',
    grantedBy: 'FHIR STU3 IssueType: structure, required and value specialise invalid; not-found, conflict and code-invalid specialise processing; seed 002 names no issue type',
  },
] as const satisfies readonly LibertyDef[];

export type CcLiberty = (typeof CC_LIBERTIES)[number]['name'];
