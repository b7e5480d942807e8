// A spec pack: the facts a pack's suites share (auth kind, the OperationOutcome vocabulary,
// interaction → scope table). Loaded from suites/<pack>/pack.yaml.

import type { FhirVersion } from './fhir.ts';
import type { AuthKind } from './target.ts';

export interface OutcomeCodeDef {
  status: number;
  /** FHIR issue-type code expected in issue.code (the first of `issues` when pack.yaml lists several). */
  issue: string;
  /** Every issue-type code a provider may send for this error, when the sources allow more than one. */
  issues?: readonly string[];
}

export interface PackDef {
  id: string;
  title: string;
  /** The FHIR version its FHIRPath and profiles are read in: for a pack of several versions, the target's choice once a run has one (the first listed at load). */
  fhirVersion: FhirVersion;
  /** Every version a target may choose, when pack.yaml lists several (a generic FHIR pack: stu3 and r4); each target pack entry then names one. */
  fhirVersions?: readonly FhirVersion[];
  /** The auth kind a target must configure for this pack ('none': it must configure none); the first of authKinds when pack.yaml lists several. */
  auth: AuthKind;
  /** Every kind a target may configure, when pack.yaml lists several (a generic pack: none, bearer, basic, OAuth2, SMART). */
  authKinds?: readonly AuthKind[];
  defaultHeaders: Record<string, string>;
  /** The pack's error vocabulary; absent for a pack whose document has none (its steps check plain FHIR errors). */
  operationOutcome?: {
    /** The OperationOutcome profile errors must claim; absent when the document names none. */
    profile?: string;
    /** The coding system of the error codes (the first of `systems` when pack.yaml lists several). */
    system: string;
    /** Every coding system a provider may send, when the sources disagree on the URL. */
    systems?: readonly string[];
    codes: Record<string, OutcomeCodeDef>;
  };
  /** pack.yaml retryPost: true lets the target's retry policy repeat this pack's POSTs (their effect is safe to repeat). */
  retryPost?: boolean;
  /** Interaction id → JWT requested_scope (GP Connect). */
  interactions: Record<string, { scope: string }>;
  dir: string;
}
