// Test helper for the e-RS pack: start the reference target with only this module, speak each
// generation's headers, pick fresh referrals and slots, and build valid request bodies.
// It lives here, not in the pack, so no production file of the pack reaches the server.

import { ersFixtures, poolUbrn } from '../reference-target/ers/fixtures.ts';
import { referencePack } from '../reference-target/ers/index.ts';
import { CODE_SYSTEMS, IDENTIFIER_SYSTEMS, PROFILES } from '../reference-target/ers/systems.ts';
import { startReferenceTarget, type RunningReference } from '../reference-target/server.ts';

export const F = ersFixtures;
export const PAS_WINDOW_MS = 300;

export type Pack = 'ers-a016' | 'ers-a016-apim' | 'ers-bookdirect';

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

  private constructor(readonly ref: RunningReference) {}

  static async start(opts: StartOptions = {}): Promise<ErsClient> {
    const ref = await startReferenceTarget({
      modules: [referencePack],
      faults: opts.faults ?? [],
      liberties: opts.liberties ?? [],
      seed: opts.seed ?? 7,
      ...(opts.now ? { now: opts.now } : {}),
      options: { ersPasWindowMs: PAS_WINDOW_MS, ersPasLatencyMs: 30, ...(opts.options ?? {}) },
    });
    return new ErsClient(ref);
  }

  close(): Promise<void> {
    return this.ref.close();
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

export function bookBody(o: { ubrn: string; version?: number; slot: SlotInfo; serviceId: string; clinicianId?: string; nhsNumber?: string }): Record<string, unknown> {
  return {
    resourceType: 'Appointment',
    meta: { profile: [PROFILES.careConnectAppointment] },
    language: 'en',
    status: 'booked',
    description: 'e-Referral Appointment',
    start: o.slot.start,
    end: o.slot.end,
    slot: [{ reference: `Slot/${o.slot.id}` }],
    incomingReferral: [{ reference: `ReferralRequest/${o.ubrn}/_history/${o.version ?? F.referrals.poolVersion}` }],
    participant: [
      participant(IDENTIFIER_SYSTEMS.ersService, o.serviceId),
      participant(IDENTIFIER_SYSTEMS.nhsNumber, o.nhsNumber ?? F.patientNhsNumber),
      ...(o.clinicianId
        ? [{ type: { coding: [{ system: CODE_SYSTEMS.participantType, code: 'CON' }] }, ...participant(IDENTIFIER_SYSTEMS.sdsUserId, o.clinicianId) }]
        : []),
    ],
  };
}

export function deferBody(o: { ubrn: string; version?: number; serviceId: string; reason: string; slotId?: string; comment?: string }): Record<string, unknown> {
  return {
    resourceType: 'Appointment',
    meta: { profile: [PROFILES.careConnectAppointment] },
    language: 'en',
    status: 'proposed',
    reason: [{ coding: [{ system: CODE_SYSTEMS.reviewReason, code: o.reason }] }],
    description: 'e-Referral Appointment',
    ...(o.slotId ? { slot: [{ reference: `Slot/${o.slotId}` }] } : {}),
    ...(o.comment !== undefined ? { comment: o.comment } : {}),
    incomingReferral: [{ reference: `ReferralRequest/${o.ubrn}/_history/${o.version ?? F.referrals.poolVersion}` }],
    participant: [participant(IDENTIFIER_SYSTEMS.ersService, o.serviceId), participant(IDENTIFIER_SYSTEMS.nhsNumber, F.patientNhsNumber)],
  };
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
