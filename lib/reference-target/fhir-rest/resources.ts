// How stored records become the JSON this server returns, and the headers that go with a version of a
// resource (ETag, Last-Modified), with the faults and liberties that change them.
import type { JsonObject } from '../../common/json.ts';
import { httpDate } from '../../common/london-time.ts';
import { createHash } from 'node:crypto';
import type { FhirRestCall } from './context.ts';
import type { SlotRec, VersionRec } from './world.ts';

export function slotResource(slot: SlotRec, scheduleId: string): JsonObject {
  return {
    resourceType: 'Slot',
    id: slot.id,
    meta: { versionId: String(slot.version), lastUpdated: slot.lastUpdated.toISOString() },
    schedule: { reference: `Schedule/${scheduleId}` },
    status: slot.status,
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
  };
}

/** The body of a stored version as the server shows it (without meta.versionId under frb-no-version-id). */
export function shown(version: VersionRec, call: FhirRestCall): JsonObject {
  if (!call.env.fault('frb-no-version-id')) return version.resource;
  const meta = { ...(version.resource.meta as JsonObject) };
  delete meta.versionId;
  return { ...version.resource, meta };
}

/** ETag and Last-Modified of a version: W/"<versionId>" and its lastUpdated as an HTTP-date. */
export function versionHeaders(version: VersionRec, call: FhirRestCall): Record<string, string> {
  const etag = call.env.fault('frb-etag-not-version') ? `W/"${createHash('sha1').update(JSON.stringify(version.resource)).digest('hex').slice(0, 12)}"` : `W/"${version.versionId}"`;
  return { etag, ...(call.env.liberty('frb-no-last-modified') ? {} : { 'last-modified': httpDate(version.lastUpdated) }) };
}

/** Prefer: return=minimal | representation | OperationOutcome (R4), for create and update. */
export function preferredBody(version: VersionRec, call: FhirRestCall): unknown {
  const prefer = /return=([A-Za-z]+)/.exec(call.req.headers['prefer'] ?? '')?.[1];
  if (prefer === 'minimal') return undefined;
  if (prefer === 'OperationOutcome' && call.world.release === 'r4') {
    return { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: `Appointment/${String(version.resource.id)} version ${version.versionId} stored` }] };
  }
  // Without a preference the body is the server's choice: this one returns the resource, unless it takes the liberty.
  if (prefer === undefined && call.env.liberty('frb-prefer-minimal')) return undefined;
  return shown(version, call);
}
