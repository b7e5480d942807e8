// Identity headers per auth kind. Returns the headers and the secret values they carry,
// so the caller can redact them from everything it records.

import type { PackDef } from '../model/pack.ts';
import type { AuthConfig } from '../model/target.ts';
import { encodeUnsignedJwt, gpconnectClaims, sspHeaders, type JwtChanges } from './gpconnect-jwt.ts';

export interface AuthRequest {
  pack: PackDef;
  auth: AuthConfig;
  base: string;
  interaction?: string;
  /** undefined: the default identity; omit: none at all; raw: this exact token. */
  jwt?: { omit: boolean; raw?: string } & JwtChanges;
  /** Seconds since the epoch, read when the request is built. */
  nowS: number;
}

export interface AuthHeaders {
  headers: Record<string, string>;
  secrets: string[];
}

export class AuthConfigError extends Error {}

export function authHeaders(req: AuthRequest): AuthHeaders {
  const { auth, pack } = req;
  if (pack.auth !== 'none' && auth.kind !== pack.auth) {
    throw new AuthConfigError(`pack ${pack.id} needs auth kind '${pack.auth}', the target gives '${auth.kind}'`);
  }
  switch (auth.kind) {
    case 'none':
      return { headers: {}, secrets: [] };
    case 'gpconnect-jwt': {
      const interaction = req.interaction ?? '';
      const headers = sspHeaders(auth, interaction);
      if (req.jwt?.omit) return { headers, secrets: [] };
      const scope = pack.interactions[interaction]?.scope ?? '';
      const token = req.jwt?.raw ?? encodeUnsignedJwt(gpconnectClaims(auth, req.base, scope, req.nowS), req.jwt ?? { remove: [], set: [] });
      return { headers: { ...headers, Authorization: `Bearer ${token}` }, secrets: [token] };
    }
    case 'ers-session':
      if (req.jwt?.omit) return { headers: { XAPI_ASID: auth.asid }, secrets: [] };
      return { headers: { XAPI_ASID: auth.asid, HTTP_X_SESSION_KEY: auth.sessionKey }, secrets: [auth.sessionKey] };
    case 'apim-bearer': {
      const headers: Record<string, string> = {
        'NHSD-End-User-Organisation-ODS': auth.odsCode,
        'NHSD-eRS-Business-Function': auth.businessFunction,
      };
      if (req.jwt?.omit) return { headers, secrets: [] };
      const token = req.jwt?.raw ?? auth.token;
      return { headers: { ...headers, Authorization: `Bearer ${token}` }, secrets: [token] };
    }
  }
}
