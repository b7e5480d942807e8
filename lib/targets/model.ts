export interface GpconnectJwtAuth {
  kind: 'gpconnect-jwt';
  sspFrom: string;
  sspTo: string;
  iss: string;
  aud?: string;
  reasonForRequest?: 'directcare' | 'migration';
  organization: { ods: string; name: string };
  practitioner: { id: string; family: string; given: string; prefix?: string; sdsUserId?: string; sdsRoleProfileId?: string; localUserId?: string };
  device: { system: string; value: string; model: string; version: string };
}

export interface ErsSessionAuth {
  kind: 'ers-session';
  asid: string;
  sessionKey: string;
  commRuleOrg?: string;
}

export interface ApimBearerAuth {
  kind: 'apim-bearer';
  token: string;
  odsCode: string;
  businessFunction: string;
  commRuleOrg?: string;
}

export type AuthConfig = { kind: 'none' } | GpconnectJwtAuth | ErsSessionAuth | ApimBearerAuth;

export interface TargetPack {
  /** Absolute base URL (after an embedded target has started). */
  base: string;
  headers: Record<string, string>;
  auth: AuthConfig;
  fixtures: Record<string, unknown>;
  fixturesFrom?: string;
}

export interface TlsConfig {
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
  servername?: string;
  verify: boolean;
}

export interface Target {
  name: string;
  file: string;
  description?: string;
  embedded?: { faults: string[]; liberties: string[]; seed?: number; options: Record<string, unknown> };
  testEnvironment: boolean;
  timeoutMs: number;
  headers: Record<string, string>;
  tls: TlsConfig;
  packs: Record<string, TargetPack>;
  /** Every secret value (from ${env:}, tokens, session keys), redacted wherever it would be written. */
  secrets: string[];
}
