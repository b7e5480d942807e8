import type { FhirVersion } from './fhir.ts';

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

/** No identity: the requests carry no auth header at all. */
export interface NoneAuth {
  kind: 'none';
}

/** A fixed token, sent as Authorization: Bearer. targets.yaml gives `token` (use ${env:NAME}) or `tokenFile`. */
export interface BearerAuth {
  kind: 'bearer';
  /** The token (read from tokenFile when the target is selected, surrounding whitespace trimmed). */
  token: string;
  /** Absolute path of the file it was read from, if any. */
  tokenFile?: string;
}

/** HTTP Basic (RFC 7617): Authorization: Basic base64(username:password). */
export interface BasicAuth {
  kind: 'basic';
  username: string;
  password: string;
}

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4): an access token fetched from tokenUrl, cached until it expires. */
export interface OAuth2ClientCredentialsAuth {
  kind: 'oauth2-client-credentials';
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** Sent as the `audience` parameter (some authorisation servers need it to choose the API). */
  audience?: string;
  /** How the client authenticates to the token endpoint: HTTP Basic (client_secret_basic, the default) or in the form body (client_secret_post). */
  clientAuth: 'basic' | 'body';
}

export type SmartSigningAlg = 'RS384' | 'ES384';

/** SMART Backend Services: a client assertion JWT signed with the client's private key buys an access token. */
export interface SmartBackendAuth {
  kind: 'smart-backend';
  tokenUrl: string;
  clientId: string;
  scope: string;
  /** Absolute path of the PEM file. */
  privateKeyFile: string;
  /** The PEM text (read when the target is selected): a secret. */
  privateKey: string;
  passphrase?: string;
  alg: SmartSigningAlg;
  /** The key's id in the client's JWK Set (the assertion's header kid). */
  kid?: string;
}

export type AuthConfig = NoneAuth | GpconnectJwtAuth | ErsSessionAuth | ApimBearerAuth | BearerAuth | BasicAuth | OAuth2ClientCredentialsAuth | SmartBackendAuth;
export type AuthKind = AuthConfig['kind'];
/** The kinds whose access token is fetched from a token endpoint (asynchronously, cached per run). */
export type TokenAuth = OAuth2ClientCredentialsAuth | SmartBackendAuth;

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
  /** The FHIR version this endpoint speaks, for a pack written for several (pack.yaml fhirVersion: [stu3, r4]). */
  fhirVersion?: FhirVersion;
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
