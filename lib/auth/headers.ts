// Identity headers per auth kind. Returns the headers and the secret values they carry,
// so the caller can redact them from everything it records.

import type { PackDef } from '../model/pack.ts';
import type { AuthConfig, TokenAuth } from '../model/target.ts';
import type { AccessTokens } from './access-tokens.ts';
import { basicHeaders } from './basic.ts';
import { bearerHeader } from './bearer.ts';
import { encodeUnsignedJwt, gpconnectClaims, sspHeaders, type JwtChanges } from './gpconnect-jwt.ts';
import { authKindMismatch } from './kinds.ts';

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

const isTokenAuth = (auth: AuthConfig): auth is TokenAuth => auth.kind === 'oauth2-client-credentials' || auth.kind === 'smart-backend';

/**
 * The identity of a request whose auth kind may fetch an access token (OAuth2, SMART): the
 * token comes from the run's cache, fetched on first use. Every other kind as authHeaders.
 */
export async function requestAuthHeaders(req: AuthRequest, tokens: AccessTokens): Promise<AuthHeaders> {
  const { auth, pack } = req;
  if (!isTokenAuth(auth)) return authHeaders(req);
  checkKind(req);
  if (req.jwt?.omit) return { headers: {}, secrets: [] };
  const token = req.jwt?.raw ?? (await tokens.token(pack.id, auth));
  return { headers: bearerHeader(token), secrets: [token] };
}

/** The identity of a request whose auth kind needs nothing fetched (every kind but OAuth2 and SMART). */
export function authHeaders(req: AuthRequest): AuthHeaders {
  const { auth, pack } = req;
  checkKind(req);
  switch (auth.kind) {
    case 'none':
      return { headers: {}, secrets: [] };
    case 'bearer': {
      if (req.jwt?.omit) return { headers: {}, secrets: [] };
      const token = req.jwt?.raw ?? auth.token;
      return { headers: bearerHeader(token), secrets: [token] };
    }
    case 'basic':
      if (req.jwt?.omit) return { headers: {}, secrets: [] };
      return basicHeaders(auth);
    case 'oauth2-client-credentials':
    case 'smart-backend':
      throw new AuthConfigError(`auth kind '${auth.kind}' fetches an access token: build the request with requestAuthHeaders`);
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

/** The targets file was checked against the packs when it was read; this guards every other way in. */
function checkKind({ pack, auth }: AuthRequest): void {
  const mismatch = authKindMismatch(pack, auth.kind);
  if (mismatch) throw new AuthConfigError(mismatch);
}
