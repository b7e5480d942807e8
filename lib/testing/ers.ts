// Test helper for the e-RS pack: start the reference target with only this module, speak each
// generation's headers, pick fresh referrals and slots, and build valid request bodies.
// It lives here, not in the pack, so no production file of the pack reaches the server.

import { ersFixtures, poolUbrn } from '../reference-target/ers/fixtures.ts';
import { referencePack } from '../reference-target/ers/index.ts';
import { CODE_SYSTEMS, IDENTIFIER_SYSTEMS, PROFILES } from '../reference-target/ers/systems.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceTarget, type RunningReference } from '../reference-target/server.ts';

export const F = ersFixtures;
export const PAS_WINDOW_MS = 300;

/** The packs of the e-RS module, one per generation of the API. */
export const ERS_PACKS = ['ers-a016', 'ers-a016-apim', 'ers-bookdirect'] as const;
export type Pack = (typeof ERS_PACKS)[number];

export interface ClientResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface SlotInfo {
  id: string;
  usrn: string;
  start: string;
  end: string;
  schedule: string;
}

export interface StartOptions {
  faults?: string[];
  liberties?: string[];
  now?: () => Date;
  seed?: number;
  options?: Record<string, unknown>;
}

export class ErsClient {
  private poolCursor = 0;
  private readonly handedOut = new Set<string>();
  private running: RunningReference | undefined;

  /** A client whose target is not started yet: open() starts it (start() and useErsTarget() do). */
  constructor(private readonly opts: StartOptions = {}) {}

  static async start(opts: StartOptions = {}): Promise<ErsClient> {
    const client = new ErsClient(opts);
    await client.open();
    return client;
  }

  async open(): Promise<void> {
    const opts = this.opts;
    this.running = await startReferenceTarget({
      modules: [referencePack],
      faults: opts.faults ?? [],
      liberties: opts.liberties ?? [],
      seed: opts.seed ?? 7,
      ...(opts.now ? { now: opts.now } : {}),
      options: { ersPasWindowMs: PAS_WINDOW_MS, ersPasLatencyMs: 30, ...(opts.options ?? {}) },
    });
  }

  get ref(): RunningReference {
    if (!this.running) throw new Error('the e-RS target is not started yet (use the client inside a test)');
    return this.running;
  }

  async close(): Promise<void> {
    await this.running?.close();
  }

  /** A pool referral nobody in this client has used yet (all start unbooked at version 3). */
  freshUbrn(): string {
    return poolUbrn(this.poolCursor++);
  }

  async call(pack: Pack, method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}): Promise<ClientResponse> {
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    const res = await fetch(`${this.ref.bases[pack]}${path}`, { method, headers: init.headers ?? {}, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  g1(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown; session?: string } = {}): Promise<ClientResponse> {
    return this.call('ers-a016', method, path, { headers: { ...g1Headers(init.session), ...(init.headers ?? {}) }, body: init.body });
  }

  g2(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown; businessFunction?: string } = {}): Promise<ClientResponse> {
    return this.call('ers-a016-apim', method, path, { headers: { ...g2Headers(init.businessFunction), ...(init.headers ?? {}) }, body: init.body });
  }

  book(body: unknown, session?: string): Promise<ClientResponse> {
    return this.g1('POST', '/Appointment', { body, ...(session ? { session } : {}) });
  }

  referral(ubrn: string): Promise<ClientResponse> {
    return this.g1('GET', `/ReferralRequest/${ubrn}`);
  }

  /** Free slots of a service (first page of 100) that this client has not handed out before. */
  async takeSlots(serviceId: string, n: number, opts: { clinician?: string; noClinician?: boolean } = {}): Promise<SlotInfo[]> {
    const q = new URLSearchParams({ 'schedule.actor:HealthcareService': serviceId, status: 'free', _count: '100' });
    if (opts.clinician) q.set('schedule.actor:Practitioner', opts.clinician);
    const res = await this.g1('GET', `/Slot?${q.toString()}`);
    if (res.status !== 200) throw new Error(`slot search failed: ${res.status} ${res.text}`);
    const slots: SlotInfo[] = (res.body.entry as Array<{ resource: Record<string, any> }>)
      .map((e) => e.resource)
      .filter((r) => r['resourceType'] === 'Slot')
      .map((r) => ({ id: r['id'], usrn: r['identifier'][0].value, start: r['start'], end: r['end'], schedule: r['schedule'].reference }))
      .filter((s) => !this.handedOut.has(s.id))
      .filter((s) => !opts.noClinician || !s.schedule.includes('-'));
    const picked = slots.slice(0, n);
    if (picked.length < n) throw new Error(`only ${picked.length} free slots left at ${serviceId}`);
    for (const s of picked) this.handedOut.add(s.id);
    return picked;
  }

  async takeSlot(serviceId: string, opts: { clinician?: string; noClinician?: boolean } = {}): Promise<SlotInfo> {
    const [slot] = await this.takeSlots(serviceId, 1, opts);
    return slot as SlotInfo;
  }
}

/**
 * A client for the tests of the enclosing describe (or file): its target starts before them
 * (beforeAll) and stops after them (afterAll).
 */
export function useErsTarget(opts: StartOptions = {}): ErsClient {
  const client = new ErsClient(opts);
  beforeAll(() => client.open());
  afterAll(() => client.close());
  return client;
}

/** Runs `use` against a target of its own, started with `opts` and stopped afterwards. */
export async function withErsTarget<T>(opts: StartOptions, use: (c: ErsClient) => Promise<T>): Promise<T> {
  const client = await ErsClient.start(opts);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** What a fault or liberty changes, seen by a client: true or false. */
export type ErsProbe = (c: ErsClient) => Promise<boolean>;

export interface SwitchProbes<Name extends string> {
  /** Where a switch goes when a target is started with it on. */
  kind: 'faults' | 'liberties';
  names: readonly Name[];
  probes: Readonly<Record<Name, ErsProbe>>;
  /** What the probe answers on the faithful target; with its switch on it answers the opposite. */
  faithfulAnswer: boolean;
  /** The titles of the two tests each switch gets. */
  titles: { faithful: string; switched: string };
}

/**
 * A describe per switch named: its probe on a faithful target (one for all, started for the enclosing
 * describe), then on a target of its own with the switch on, which must answer the other way.
 */
export function describeSwitchProbes<Name extends string>(o: SwitchProbes<Name>): void {
  const faithful = useErsTarget();
  describe.each(o.names.map((name) => [name] as const))('%s', (name) => {
    const probe = o.probes[name];

    it(o.titles.faithful, async () => {
      expect(await probe(faithful)).toBe(o.faithfulAnswer);
    });

    it(o.titles.switched, async () => {
      expect(await withErsTarget({ [o.kind]: [name] }, probe)).toBe(!o.faithfulAnswer);
    });
  });
}

/**
 * Two attempts at one fresh referral: the first, at a slot of the PAS-timeout service, holds the
 * referral while it waits on the PAS; the second, at a directly bookable slot, comes a quarter of
 * the PAS window later. `send` is how a body is sent (G1 book unless told).
 */
export async function lockRace(
  c: ErsClient,
  send: (body: unknown) => Promise<ClientResponse> = (body) => c.book(body),
): Promise<{ ubrn: string; other: SlotInfo; first: Promise<ClientResponse>; second: ClientResponse }> {
  const ubrn = c.freshUbrn();
  const slow = await c.takeSlot(F.services.pasTimeout);
  const other = await c.takeSlot(F.services.directlyBookable);
  const first = send(bookBody({ ubrn, slot: slow, serviceId: F.services.pasTimeout }));
  await sleep(PAS_WINDOW_MS / 4);
  const second = await send(bookBody({ ubrn, slot: other, serviceId: F.services.directlyBookable }));
  return { ubrn, other, first, second };
}

export function g1Headers(session: string = F.sessionKeys.referringClinician): Record<string, string> {
  return {
    XAPI_ASID: F.asid,
    HTTP_X_SESSION_KEY: session,
    'X-ERS-XAPI-COMM-RULE-ORG': F.commissioningRuleOrg,
    'Content-Type': 'application/fhir+json',
  };
}

export function g2Headers(businessFunction: string = F.apim.businessFunctions.referringClinician): Record<string, string> {
  return {
    Authorization: `Bearer ${F.apim.bearerTokens[0]}`,
    'NHSD-End-User-Organisation-ODS': F.apim.odsCode,
    'NHSD-eRS-Business-Function': businessFunction,
    'NHSD-eRS-Comm-Rule-Org': F.commissioningRuleOrg,
    'Content-Type': 'application/fhir+json',
  };
}

export function g0Headers(version?: number): Record<string, string> {
  return {
    XAPI_ASID: F.asid,
    HTTP_X_SESSION_KEY: F.sessionKeys.referringClinician,
    'Content-Type': 'application/json+fhir',
    ...(version !== undefined ? { 'If-Match': `W/"${version}"` } : {}),
  };
}

const participant = (system: string, value: string | null) => ({ actor: { identifier: { system, value } }, status: 'accepted' });

/** An A016 Appointment for the referral's version: `fields` between description and incomingReferral. */
function a016Appointment(
  o: { ubrn: string; version?: number; serviceId: string; nhsNumber?: string },
  status: string,
  fields: Record<string, unknown>,
  clinician: unknown[] = [],
): Record<string, unknown> {
  return {
    resourceType: 'Appointment',
    meta: { profile: [PROFILES.careConnectAppointment] },
    language: 'en',
    status,
    description: 'e-Referral Appointment',
    ...fields,
    incomingReferral: [{ reference: `ReferralRequest/${o.ubrn}/_history/${o.version ?? F.referrals.poolVersion}` }],
    participant: [participant(IDENTIFIER_SYSTEMS.ersService, o.serviceId), participant(IDENTIFIER_SYSTEMS.nhsNumber, o.nhsNumber ?? F.patientNhsNumber), ...clinician],
  };
}

export function bookBody(o: { ubrn: string; version?: number; slot: SlotInfo; serviceId: string; clinicianId?: string; nhsNumber?: string }): Record<string, unknown> {
  const clinician = o.clinicianId
    ? [{ type: { coding: [{ system: CODE_SYSTEMS.participantType, code: 'CON' }] }, ...participant(IDENTIFIER_SYSTEMS.sdsUserId, o.clinicianId) }]
    : [];
  return a016Appointment(o, 'booked', { start: o.slot.start, end: o.slot.end, slot: [{ reference: `Slot/${o.slot.id}` }] }, clinician);
}

export function deferBody(o: { ubrn: string; version?: number; serviceId: string; reason: string; slotId?: string; comment?: string }): Record<string, unknown> {
  return a016Appointment(o, 'proposed', {
    reason: [{ coding: [{ system: CODE_SYSTEMS.reviewReason, code: o.reason }] }],
    ...(o.slotId ? { slot: [{ reference: `Slot/${o.slotId}` }] } : {}),
    ...(o.comment !== undefined ? { comment: o.comment } : {}),
  });
}

export function bookDirectBody(usrn: string): Record<string, unknown> {
  return { resourceType: 'Parameters', meta: { profile: PROFILES.bookDirectOperation }, parameter: [{ name: 'usrn', valueString: usrn }] };
}

/** The OutcomeKey of an eRS OperationOutcome body. */
export function outcomeKey(reply: ClientResponse): string | undefined {
  return reply.body?.issue?.[0]?.details?.coding?.[0]?.code;
}

/** Version number out of ReferralRequest/{ubrn}/_history/{n}. */
export function referralVersionIn(appointment: { incomingReferral?: Array<{ reference: string }> }): number {
  return Number(/_history\/(\d+)$/.exec(appointment.incomingReferral?.[0]?.reference ?? '')?.[1]);
}

/** The referral state code shown by A005. */
export function referralState(referral: any): string | undefined {
  const ext = (referral.extension as any[]).find((e) => e.url.endsWith('Extension-eRS-ReferralState-1'));
  return ext?.extension?.find((e: any) => e.url === 'state')?.valueCoding?.code;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
