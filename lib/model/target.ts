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

/** One practice of a federation the target serves: suites read the list as ${fixture.practices}. */
export interface Practice {
  ods: string;
  name?: string;
  /** Absolute base URL of this practice's FHIR endpoint (after an embedded target has started). */
  base: string;
}

export interface TargetPack {
  /** Absolute base URL (after an embedded target has started). */
  base: string;
  /** The federated practices this pack's endpoint stands for (absent: just the one at base). Also fixtures.practices. */
  practices?: Practice[];
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

/** targets.yaml retry: transport failures and 5xx of GET/HEAD (and POST where the pack says retryPost) are tried again. */
export interface RetryPolicy {
  /** Tries in all, the first included (1: no retry). */
  attempts: number;
  /** Wait before the second try; doubled before each later one, to at most 30 s (or backoffMs, if longer). */
  backoffMs: number;
}

export interface Target {
  name: string;
  file: string;
  description?: string;
  embedded?: { faults: string[]; liberties: string[]; seed?: number; options: Record<string, unknown> };
  testEnvironment: boolean;
  timeoutMs: number;
  /** Scenarios in flight at once (targets.yaml concurrency, default 4; --concurrency overrides). */
  concurrency: number;
  /** Stop reading a response body past this many bytes (absent: 10 MiB). */
  maxBodyBytes?: number;
  /** Absent: no retry. */
  retry?: RetryPolicy;
  headers: Record<string, string>;
  tls: TlsConfig;
  packs: Record<string, TargetPack>;
  /** Every secret value (from ${env:}, tokens, session keys), redacted wherever it would be written. */
  secrets: string[];
}
