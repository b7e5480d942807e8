// FHIR resource shapes every pack builds the same way. Packs decide what goes in (their codes,
// profiles, faults and liberties); these only assemble the resource.
import type { JsonObject } from '../../common/json.ts';

export interface OutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  /** The FHIR issue type, e.g. 'invalid', 'duplicate', 'processing'. */
  code: string;
  /** The pack's own coding (a national error code), when it has one. */
  coding?: { system: string; code: string; display?: string };
  diagnostics?: string;
}

/** An OperationOutcome with one issue per entry; meta.profile only when the pack names one. */
export function operationOutcomeOf(issues: readonly OutcomeIssue[], profile?: string): JsonObject {
  const outcome: JsonObject = { resourceType: 'OperationOutcome' };
  if (profile) outcome.meta = { profile: [profile] };
  outcome.issue = issues.map((i) => {
    const issue: JsonObject = { severity: i.severity, code: i.code };
    if (i.coding) issue.details = { coding: [{ ...i.coding }] };
    if (i.diagnostics !== undefined) issue.diagnostics = i.diagnostics;
    return issue;
  });
  return outcome;
}

/** A Bundle entry for a resource read from this server: its absolute fullUrl, and the search mode in a searchset. */
export function bundleEntryOf(baseUrl: string, resource: JsonObject, mode?: 'match' | 'include'): JsonObject {
  const entry: JsonObject = { fullUrl: `${baseUrl}/${String(resource.resourceType)}/${String(resource.id ?? '')}`, resource };
  if (mode) entry.search = { mode };
  return entry;
}
