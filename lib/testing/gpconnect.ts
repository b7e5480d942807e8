// Helpers for tests that talk to the GP Connect reference provider (or any GP Connect provider): a valid JWT,
// the Ssp-* headers, a small HTTP client, and bodies for booking, amending, cancelling and registering.
// They live here, not in the pack, because they start the server and use vitest.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { startReferenceTarget } from '../reference-target/server.ts';
import { GPC_FIXTURES, NHS_NUMBER_SYSTEM, ODS_ORG_SYSTEM } from '../reference-target/gpconnect/fixtures.ts';
import { referencePack } from '../reference-target/gpconnect/index.ts';
import type { Scope } from '../reference-target/gpconnect/jwt.ts';
import { EXTENSION, IDENTIFIER_SYSTEM, PROFILE } from '../reference-target/gpconnect/profiles.ts';
import { interaction, type InteractionName } from '../reference-target/gpconnect/routes.ts';
import { formatLondonDateTime } from '../common/london-time.ts';

type Json = Record<string, unknown>;

export interface JwtOptions {
  now?: Date;
  /** The provider base URL (the aud claim). */
  aud?: string;
  scope?: Scope | string;
  /** Claims to replace; a value of undefined removes the claim. */
  claims?: Json;
}

export function defaultClaims(opts: JwtOptions = {}): Json {
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return {
    iss: 'https://consumer.example.nhs.uk',
    sub: '1',
    aud: opts.aud ?? 'https://provider.example.nhs.uk/gpconnect/fhir',
    exp: iat + 300,
    iat,
    reason_for_request: 'directcare',
    requested_scope: opts.scope ?? 'patient/*.read',
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: 'https://consumer.example.nhs.uk/Id/device', value: 'conformance-suite' }],
      model: 'booking-conformance',
      version: '0.1.0',
    },
    requesting_organization: {
      resourceType: 'Organization',
      name: GPC_FIXTURES.consumer.name,
      identifier: [{ system: ODS_ORG_SYSTEM, value: GPC_FIXTURES.consumer.odsCode }],
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: '1',
      name: [{ family: 'Parsons', given: ['Alex'], prefix: ['Dr'] }],
      identifier: [
        { system: IDENTIFIER_SYSTEM.sdsUser, value: 'G13579135' },
        { system: IDENTIFIER_SYSTEM.sdsRoleProfile, value: '111111111' },
        { system: 'https://consumer.example.nhs.uk/Id/user-guid', value: '98ed4f78-814d-4266-8d5b-cde742f3093c' },
      ],
    },
  };
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned JWT: header.payload. (the empty signature leaves a trailing dot). */
export function encodeJwt(claims: Json, header: Json = { alg: 'none', typ: 'JWT' }, signature = ''): string {
  return `${b64url(header)}.${b64url(claims)}.${signature}`;
}

export function gpcJwt(opts: JwtOptions = {}): string {
  const claims = { ...defaultClaims(opts), ...opts.claims };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  return encodeJwt(claims);
}

/** Everything a valid request to this interaction carries: Ssp-*, Authorization, Accept (and Content-Type to write). */
export function gpcHeaders(name: InteractionName, opts: JwtOptions = {}): Record<string, string> {
  const i = interaction(name);
  const headers: Record<string, string> = {
    'ssp-traceid': randomUUID(),
    'ssp-from': GPC_FIXTURES.consumerAsid,
    'ssp-to': GPC_FIXTURES.providerAsid,
    'ssp-interactionid': i.id,
    authorization: `Bearer ${gpcJwt({ ...opts, scope: opts.scope ?? i.scope })}`,
    accept: 'application/fhir+json',
  };
  if (i.method !== 'GET') headers['content-type'] = 'application/fhir+json';
  return headers;
}

export interface GpcResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the text (undefined when empty). */
  body: any;
}

export interface CallOptions {
  /** Path below the base, e.g. /Appointment/1; defaults to the interaction's fixed path. */
  path?: string;
  query?: string | URLSearchParams;
  body?: unknown;
  /** Header overrides; a value of undefined removes the header. */
  headers?: Record<string, string | undefined>;
  jwt?: JwtOptions;
}

/** The Spine error code of an OperationOutcome response (undefined when there is none). */
export const spineCode = (res: GpcResponse): string | undefined => res.body?.issue?.[0]?.details?.coding?.[0]?.code;

const FIXED_PATHS: Partial<Record<InteractionName, string>> = {
  metadata: '/metadata',
  'search-slots': '/Slot',
  'book-appointment': '/Appointment',
  'find-patient': '/Patient',
  'register-patient': '/Patient/$gpc.registerpatient',
};

export interface GpcClient {
  baseUrl: string;
  call(name: InteractionName, opts?: CallOptions): Promise<GpcResponse>;
}

export function gpcClient(baseUrl: string, now: () => Date = () => new Date()): GpcClient {
  return {
    baseUrl,
    async call(name, opts = {}) {
      const i = interaction(name);
      const merged: Record<string, string | undefined> = { ...gpcHeaders(name, { aud: baseUrl, now: now(), ...opts.jwt }), ...opts.headers };
      const headers = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined));
      const query = opts.query === undefined ? '' : `?${opts.query.toString()}`;
      const path = opts.path ?? FIXED_PATHS[name] ?? '';
      const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      const res = await request(`${baseUrl}${path}${query}`, { method: i.method, headers, body });
      const text = await res.body.text();
      const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
      let parsed: unknown = text === '' ? undefined : text;
      if (/json/.test(flat['content-type'] ?? '') && text !== '') parsed = JSON.parse(text);
      return { status: res.statusCode, headers: flat, body: parsed };
    },
  };
}

/** A reference target serving only this pack, with a client whose JWTs follow the same clock. */
export async function startGpcTarget(opts: { faults?: string[]; liberties?: string[]; now?: () => Date; seed?: number } = {}) {
  const now = opts.now ?? (() => new Date());
  const target = await startReferenceTarget({ modules: [referencePack], faults: opts.faults ?? [], liberties: opts.liberties ?? [], now, seed: opts.seed });
  const baseUrl = target.bases[GPC_FIXTURES.pack]!;
  return { baseUrl, client: gpcClient(baseUrl, now), close: () => target.close() };
}

/**
 * Starts the GP Connect reference target for a whole test file (beforeAll/afterAll) on the given
 * clock, and hands back its client once started.
 */
export function useGpcTarget(now: () => Date): { readonly client: GpcClient } {
  let target: Awaited<ReturnType<typeof startGpcTarget>> | undefined;
  beforeAll(async () => {
    target = await startGpcTarget({ now });
  });
  afterAll(() => target?.close());
  return {
    get client() {
      if (!target) throw new Error('the GP Connect target is not started yet (use the client inside a test)');
      return target.client;
    },
  };
}

export function freeSlotQuery(start: string, end: string, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams({ start: `ge${start}`, end: `le${end}`, status: 'free', _include: 'Slot:schedule' });
  for (const [k, v] of Object.entries(extra)) q.append(k, v);
  return q;
}

export const resourcesOf = (bundle: any, type: string): any[] =>
  (bundle?.entry ?? []).map((e: any) => e.resource).filter((r: any) => r.resourceType === type);

export function containedBookingOrganisation(opts: { withType?: boolean } = {}): Json {
  const c = GPC_FIXTURES.consumer;
  return {
    resourceType: 'Organization',
    id: '1',
    meta: { profile: [PROFILE.organization] },
    identifier: [{ system: ODS_ORG_SYSTEM, value: c.odsCode }],
    ...(opts.withType === false ? {} : { type: [{ coding: [{ system: GPC_FIXTURES.orgTypeSystem, code: c.orgType }] }] }),
    name: c.name,
    telecom: [{ system: 'phone', value: c.phone, use: 'work' }],
  };
}

export interface BookingOptions {
  patientId: string;
  /** Slot resources to book, adjacent and in order (from a free slot search). */
  slots: any[];
  /** The search Bundle the slots came from (for their schedule's location and practitioner). */
  bundle: any;
  description?: string;
  comment?: string;
  created?: string;
}

/** A valid booking of the given slots, as a consumer builds it from a free slot search. */
export function bookingBody(o: BookingOptions): Json {
  const first = o.slots[0];
  const last = o.slots[o.slots.length - 1];
  const schedule = resourcesOf(o.bundle, 'Schedule').find((s) => `Schedule/${s.id}` === first.schedule.reference);
  if (!schedule) throw new Error(`the bundle has no ${first.schedule.reference}`);
  const actor = (type: string): string | undefined => schedule.actor.find((a: any) => a.reference.startsWith(`${type}/`))?.reference;
  // A practitioner participant is only SHOULD: sent when the Schedule names one.
  const practitioner = actor('Practitioner');
  return {
    resourceType: 'Appointment',
    meta: { profile: [PROFILE.appointment] },
    contained: [containedBookingOrganisation()],
    extension: [{ url: EXTENSION.bookingOrganisation, valueReference: { reference: '#1' } }],
    status: 'booked',
    description: o.description ?? 'Review of repeat medication',
    start: first.start,
    end: last.end,
    slot: o.slots.map((s) => ({ reference: `Slot/${s.id}` })),
    created: o.created ?? formatLondonDateTime(new Date()),
    ...(o.comment === undefined ? {} : { comment: o.comment }),
    participant: [
      { actor: { reference: `Patient/${o.patientId}` }, status: 'accepted' },
      { actor: { reference: actor('Location') }, status: 'accepted' },
      ...(practitioner ? [{ actor: { reference: practitioner }, status: 'accepted' }] : []),
    ],
  };
}

/** The appointment as read, turned into a cancellation. */
export function cancellationOf(appointment: Json, reason = 'Patient no longer needs the appointment'): Json {
  const extension = [...((appointment.extension as Json[]) ?? []), { url: EXTENSION.cancellationReason, valueString: reason }];
  return { ...appointment, status: 'cancelled', extension };
}

export function registerPatientBody(p: { nhsNumber: string; family?: string; given?: string; gender?: string; birthDate?: string }): Json {
  return {
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'registerPatient',
        resource: {
          resourceType: 'Patient',
          meta: { profile: [PROFILE.patient] },
          identifier: [{ system: NHS_NUMBER_SYSTEM, value: p.nhsNumber }],
          name: [{ use: 'official', family: p.family ?? 'Holloway', given: [p.given ?? 'Jenna'] }],
          gender: p.gender ?? 'female',
          birthDate: p.birthDate ?? '1984-09-12',
        },
      },
    ],
  };
}

/** Free slots on one day, searched as a consumer would (with the consumer's org type as searchFilter). */
export async function searchDay(client: GpcClient, day: string, extra: Record<string, string> = {}): Promise<{ bundle: any; slots: any[] }> {
  const res = await client.call('search-slots', { query: freeSlotQuery(day, day, extra) });
  if (res.status !== 200) throw new Error(`slot search answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { bundle: res.body, slots: resourcesOf(res.body, 'Slot') };
}

/** Books the first free in-person slot of the day for the patient; returns the response and what was sent. */
export async function bookFirstFree(
  client: GpcClient,
  day: string,
  opts: Partial<Omit<BookingOptions, 'slots' | 'bundle'>> = {},
): Promise<{ res: GpcResponse; body: Json; slot: any }> {
  const { bundle, slots } = await searchDay(client, day);
  const slot = slots[0];
  const body = bookingBody({ patientId: GPC_FIXTURES.registeredPatients[0].id, ...opts, slots: [slot], bundle });
  return { res: await client.call('book-appointment', { body }), body, slot };
}
