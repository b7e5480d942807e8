// A015 GET /Slot: free slots of one service as a searchset Bundle of Slots (match) and their
// Schedules (include), paged with self/previous/next links.

import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../../common/json.ts';
import { bundleEntryOf } from '../../shared/fhir.ts';
import type { RefRequest, Reply } from '../../types.ts';
import type { ErsCall, ErsEnv } from '../env.ts';
import { fhirResponse } from '../http.ts';
import { fail, OutcomeError, operationOutcome, type Generation } from '../outcome.ts';
import { callerFor, commissioningRuleOrgHeader, isReferringOrg, requireReferringRole } from '../session.ts';
import { IDENTIFIER_SYSTEMS, PROFILES } from '../systems.ts';
import { withoutOffset } from '../../../common/london-time.ts';
import type { Service, Slot } from '../world.ts';

const P = {
  service: 'schedule.actor:HealthcareService',
  practitioner: 'schedule.actor:Practitioner',
  type: 'appointmentType',
  status: 'status',
  count: '_count',
  page: 'page',
  include: '_include',
} as const;

/** Order of the recognised parameters in the self link; _include and page always close it. */
const SELF_LINK_ORDER = [P.practitioner, P.service, P.type, P.count, P.status] as const;
const INCLUDE_SCHEDULE = 'Slot:schedule';
const PRIORITIES = new Set(['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT']);
const SLOT_STATUS_CODES = new Set(['busy', 'free', 'busy-unavailable', 'busy-tentative', 'entered-in-error']);
/** The legacy API leaves the page size optional; this is what it falls back to. */
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

interface SlotSearch {
  serviceId: string;
  practitioner?: string;
  count: number;
  page: number;
}

export function searchSlots({ env, gen, req }: ErsCall): Reply {
  const caller = callerFor(env, gen, req);
  requireReferringRole(env, caller);
  checkCommissioningRuleOrg(env, gen, req);
  const search = readSearch(env, gen, req.query);
  const service = searchableService(env, search.serviceId);
  if (search.practitioner !== undefined && !service.clinicians.includes(search.practitioner)) {
    fail('INVALID_VALUE', `${search.practitioner} is not a named clinician of service ${service.id}`);
  }
  const slots = env.world.freeSlotsOf(service.id, env.now(), search.practitioner);
  if (slots.length === 0 && (env.fault('ers-empty-search-as-404') || (gen === 'G2' && env.fault('ers-apim-empty-search-as-404')))) {
    return fhirResponse(404, operationOutcome(env, 'REFERENCE_NOT_FOUND', `no free slots at service ${service.id}`));
  }
  // _count is a maximum: a provider may fill its pages with fewer slots.
  const pageSize = env.liberty('ers-short-pages') ? Math.ceil(search.count / 2) : search.count;
  const lastPage = Math.max(1, Math.ceil(slots.length / pageSize));
  if (search.page > lastPage && !env.fault('ers-page-out-of-range-empty')) {
    const diagnostics = `page ${search.page} is beyond the last page (${lastPage})`;
    // The legacy error page answers a page not in range 416; the A015 table 422 INVALID_VALUE.
    if (gen === 'G1' && env.liberty('ers-page-out-of-range-416')) throw new OutcomeError('INVALID_VALUE', diagnostics, { status: 416 });
    fail('INVALID_VALUE', diagnostics);
  }
  const pageSlots = slots.slice((search.page - 1) * pageSize, search.page * pageSize);
  const slotEntries = pageSlots.map((s) => slotEntry(env, req.baseUrl, s));
  const schedules = scheduleEntries(env, req.baseUrl, pageSlots);
  return fhirResponse(200, {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: env.now().toISOString(), profile: [PROFILES.bundle] },
    type: 'searchset',
    total: slots.length,
    link: pageLinks(env, req, search.page, lastPage),
    // Without _sort the entry order is the server's own.
    entry: env.liberty('ers-slot-bundle-order') ? [...schedules, ...slotEntries.reverse()] : [...slotEntries, ...schedules],
  });
}

function checkCommissioningRuleOrg(env: ErsEnv, gen: Generation, req: RefRequest): void {
  const org = commissioningRuleOrgHeader(gen, req);
  if (org === undefined) {
    if (env.fault('ers-comm-rule-org-not-required')) return;
    const header = gen === 'G2' ? 'NHSD-eRS-Comm-Rule-Org' : 'X-ERS-XAPI-COMM-RULE-ORG';
    fail('MISSING_PARAMETER', `the commissioning rule organisation (${header}) is required so commissioning rules can be applied`);
  }
  if (!isReferringOrg(org)) fail('INVALID_VALUE', `commissioning rule organisation ${org} is not a referring organisation`);
}

function readSearch(env: ErsEnv, gen: Generation, query: URLSearchParams): SlotSearch {
  // The API platform makes every parameter but the practitioner mandatory; the legacy API only needs the service.
  const mandatory = gen === 'G2' ? [P.service, P.type, P.status, P.count, P.page] : [P.service];
  for (const name of mandatory) if (!query.get(name)) fail('MISSING_PARAMETER', `search parameter ${name} is required`);
  const type = query.get(P.type);
  if (type && !PRIORITIES.has(type)) fail('INVALID_CODE', `appointmentType '${type}' is not an eRS-Priority-1 code`);
  const status = query.get(P.status);
  if (status && !SLOT_STATUS_CODES.has(status)) fail('INVALID_CODE', `status '${status}' is not a slot status code`);
  if (status && status !== 'free') fail('INVALID_VALUE', `status '${status}' is not supported; only free slots can be searched`);
  const practitioner = query.get(P.practitioner) || undefined;
  return {
    serviceId: query.get(P.service) ?? '',
    ...(practitioner !== undefined ? { practitioner } : {}),
    count: readPageSize(env, query.get(P.count)),
    page: readPageNumber(query.get(P.page)),
  };
}

function readPageSize(env: ErsEnv, raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (env.fault('ers-count-not-validated')) return Number.isNaN(n) ? DEFAULT_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, Math.max(1, n));
  if (Number.isNaN(n) || n < 1 || n > MAX_PAGE_SIZE) fail('INVALID_VALUE', `page size (_count) ${raw} is invalid: it must be 1 to ${MAX_PAGE_SIZE}`);
  return n;
}

function readPageNumber(raw: string | null): number {
  if (raw === null || raw === '') return 1;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(n) || n < 1) fail('INVALID_VALUE', `page number ${raw} is invalid: pages start at 1`);
  return n;
}

function searchableService(env: ErsEnv, serviceId: string): Service {
  const service = env.world.service(serviceId) ?? fail('NO_SUCH_SERVICE', `no service has ever existed with id ${serviceId}`);
  if (!service.active) fail('SERVICE_UNAVAILABLE', `service ${service.id} is no longer available`);
  if (service.kind === 'TRIAGE') fail('INVALID_STATE', `service ${service.id} cannot be booked (it is a triage service)`);
  if (service.kind !== 'DBS') fail('INVALID_STATE', `service ${service.id} is not directly bookable`);
  return service;
}

/** self repeats the recognised parameters (unrecognised ones are dropped); previous/next only change page. */
function pageLinks(env: ErsEnv, req: RefRequest, page: number, lastPage: number): Array<{ relation: string; url: string }> {
  const urlFor = (p: number) => {
    const params = new URLSearchParams();
    if (env.fault('ers-self-link-echoes-unknown-params')) {
      for (const [name, value] of req.query) if (name !== P.include && name !== P.page) params.append(name, value);
    }
    for (const name of SELF_LINK_ORDER) {
      const value = req.query.get(name);
      if (value) params.set(name, value);
    }
    const includeRequested = req.query.getAll(P.include).includes(INCLUDE_SCHEDULE);
    if (includeRequested || !env.fault('ers-self-link-without-include')) params.set(P.include, INCLUDE_SCHEDULE);
    params.set(P.page, String(p));
    return `${req.baseUrl}/Slot?${params.toString()}`;
  };
  const links = [{ relation: 'self', url: urlFor(page) }];
  const step = env.fault('ers-paging-links-same-page') ? 0 : 1;
  if (page > 1) links.push({ relation: 'previous', url: urlFor(Math.min(page - step, lastPage)) });
  if (page < lastPage || env.fault('ers-next-link-on-last-page')) links.push({ relation: 'next', url: urlFor(page + step) });
  return links;
}

/** A wall-clock time without its offset is not an instant; only a fault drops it. */
function slotTimes(env: ErsEnv, slot: Slot): { start: string; end: string } {
  if (!env.fault('ers-slot-times-without-offset')) return { start: slot.startText, end: slot.endText };
  return { start: withoutOffset(slot.startText), end: withoutOffset(slot.endText) };
}

function scheduleIdOf(slot: Slot): string {
  return slot.clinicianId ? `${slot.serviceId}-${slot.clinicianId}` : slot.serviceId;
}

function slotEntry(env: ErsEnv, baseUrl: string, slot: Slot): JsonObject {
  const system = env.fault('ers-slot-identifier-wrong-system') ? IDENTIFIER_SYSTEMS.uniqueSlotReference : IDENTIFIER_SYSTEMS.alternativeSlot;
  const resource = {
    resourceType: 'Slot',
    id: slot.id,
    meta: { profile: [PROFILES.careConnectSlot] },
    identifier: [{ system, value: slot.usrn }],
    schedule: { reference: `Schedule/${scheduleIdOf(slot)}` },
    status: 'free',
    ...slotTimes(env, slot),
  };
  return bundleEntryOf(baseUrl, resource, 'match');
}

/** One Schedule per distinct schedule on the page: {serviceId} or {serviceId}-{clinician SDS id}. */
function scheduleEntries(env: ErsEnv, baseUrl: string, slots: readonly Slot[]): JsonObject[] {
  if (env.fault('ers-schedule-not-included')) return [];
  const seen = new Map<string, Slot>();
  for (const slot of slots) if (!seen.has(scheduleIdOf(slot))) seen.set(scheduleIdOf(slot), slot);
  return [...seen].map(([id, slot]) => {
    const resource = {
      resourceType: 'Schedule',
      id,
      meta: { profile: [PROFILES.careConnectSchedule] },
      identifier: [{ system: IDENTIFIER_SYSTEMS.ersSchedule, value: id }],
      actor: [
        { identifier: { system: IDENTIFIER_SYSTEMS.ersService, value: slot.serviceId } },
        ...(slot.clinicianId ? [{ identifier: { system: IDENTIFIER_SYSTEMS.sdsUserId, value: slot.clinicianId } }] : []),
      ],
    };
    return bundleEntryOf(baseUrl, resource, 'include');
  });
}
