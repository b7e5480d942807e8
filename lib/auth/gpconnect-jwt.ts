// GP Connect consumer identity: an unsigned JWT (alg none, empty signature, so the token
// ends with '.') plus the Spine Secure Proxy headers. A new token per request, stamped with
// the request's own time: a run may outlast the token's five-minute life.

import { randomUUID } from 'node:crypto';
import type { GpconnectJwtAuth } from '../model/target.ts';
import { removeAt, setAt } from '../common/body-path.ts';

export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
export const SDS_ROLE_SYSTEM = 'https://fhir.nhs.uk/Id/sds-role-profile-id';
const LIFETIME_S = 300;

export function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function gpconnectClaims(auth: GpconnectJwtAuth, aud: string, scope: string, nowS: number): Record<string, unknown> {
  const p = auth.practitioner;
  const identifiers = [
    { system: SDS_USER_SYSTEM, value: p.sdsUserId ?? 'UNK' },
    { system: SDS_ROLE_SYSTEM, value: p.sdsRoleProfileId ?? 'UNK' },
  ];
  if (p.localUserId) {
    const [system, value] = p.localUserId.split('|');
    identifiers.push({ system: system ?? '', value: value ?? '' });
  }
  return {
    iss: auth.iss,
    sub: p.id,
    aud: auth.aud ?? aud,
    exp: nowS + LIFETIME_S,
    iat: nowS,
    reason_for_request: auth.reasonForRequest ?? 'directcare',
    requested_scope: scope,
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: auth.device.system, value: auth.device.value }],
      model: auth.device.model,
      version: auth.device.version,
    },
    requesting_organization: {
      resourceType: 'Organization',
      identifier: [{ system: ODS_SYSTEM, value: auth.organization.ods }],
      name: auth.organization.name,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: p.id,
      identifier: identifiers,
      name: [{ family: p.family, given: [p.given], ...(p.prefix ? { prefix: [p.prefix] } : {}) }],
    },
  };
}

export interface JwtChanges {
  remove: string[];
  set: Array<[string, unknown]>;
  header?: Record<string, unknown>;
}

export function encodeUnsignedJwt(claims: Record<string, unknown>, changes: JwtChanges): string {
  const header = { alg: 'none', typ: 'JWT', ...(changes.header ?? {}) };
  const payload = structuredClone(claims);
  for (const path of changes.remove) removeAt(payload, path);
  for (const [path, value] of changes.set) setAt(payload, path, value);
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.`;
}

export function sspHeaders(auth: GpconnectJwtAuth, interaction: string): Record<string, string> {
  return {
    'Ssp-TraceID': randomUUID(),
    'Ssp-From': auth.sspFrom,
    'Ssp-To': auth.sspTo,
    'Ssp-InteractionID': interaction,
  };
}
