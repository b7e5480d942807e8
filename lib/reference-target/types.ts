// The contract between the shared reference HTTP server and each spec pack it serves.
// Packs never touch node:http; the server never knows a pack's rules.

export interface RefRequest {
  /** The spec pack this request was routed to, e.g. 'gpconnect-1.2'. */
  pack: string;
  method: string;
  /** Path below the pack's base path, always starting with '/', percent-decoded per segment. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased; repeated headers joined with ', '. */
  headers: Record<string, string>;
  rawBody: string;
  /** Absolute base URL of this pack on this server, without a trailing slash (for Location headers). */
  baseUrl: string;
}

export interface RefResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON (application/fhir+json unless a content-type header is given); a string as is. */
  body?: unknown;
  /** Wait this long before answering (simulates a slow provider). */
  delayMs?: number;
  /** Close the socket without answering (simulates a dropped connection). */
  destroy?: boolean;
}

export interface FaultDef {
  /** Stable name used by `serve --fault NAME` and the tests, e.g. 'gpc-no-location'. */
  name: string;
  pack: string;
  /** One line: the realistic provider mistake this fault simulates. */
  description: string;
}

/**
 * A freedom the spec gives a conformant provider (an optional element left out, the other allowed
 * code, opaque ids...). The dual of a fault: with it on, no scenario may fail.
 */
export interface LibertyDef {
  /** Stable name used by `serve --liberty NAME` and the tests, e.g. 'gpc-no-last-updated'. */
  name: string;
  pack: string;
  /** One line: what the provider does differently. */
  description: string;
  /** The clause that grants the freedom: document, section, and the operative words. */
  grantedBy: string;
  /** The freedom skips a SHOULD: scenarios may warn (never fail). */
  should?: boolean;
}

export interface PackContext {
  faults: ReadonlySet<string>;
  liberties: ReadonlySet<string>;
  /** One clock for the whole server; tests may pin it. */
  now: () => Date;
  seed: number;
  /** Pack-specific tuning, e.g. { ersPasWindowMs: 200 }. */
  options: Readonly<Record<string, unknown>>;
}

export interface PackHandler {
  handle(req: RefRequest): Promise<RefResponse> | RefResponse;
  /**
   * Test data this world provides that no FHIR interaction reveals (e.g. a slot that is never
   * offered), by pack id. Suites read it as ${fixture.name}.
   */
  fixtures?(): Record<string, Record<string, unknown>>;
}

export interface PackModule {
  /** Every pack this module serves, with the path it is served under. */
  packs: ReadonlyArray<{ id: string; basePath: string; title: string }>;
  faults: readonly FaultDef[];
  liberties: readonly LibertyDef[];
  /** Builds the seeded world and returns the handler for all of this module's packs. */
  create(ctx: PackContext): PackHandler;
}

/** What an interaction answers; the pack's pipeline adds the headers every response carries. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One row of a pack's route table (its routes.ts): the interaction's name, the verb and the path
 * pattern it answers; `run` is the pack's handler type. Packs add their own columns (GP Connect's
 * Ssp-InteractionID and JWT scope, e-RS's generations).
 */
export interface Route<Run> {
  /** Short, stable name; the file under interactions/ that serves it is named after it. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Anchored pattern over RefRequest.path; its capture groups become the handler's params. */
  path: RegExp;
  run: Run;
}
