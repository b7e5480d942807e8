// Search for free slots: GET /Slot?start=ge..&end=le..&status=free&_include=Slot:schedule[&searchFilter=..]
import type { Reply } from '../../types.ts';
import type { GpcContext } from '../context.ts';
import { searchset, type BundleEntry } from '../bundle.ts';
import type { Call } from '../call.ts';
import { ODS_ORG_SYSTEM, ORG_TYPE_SYSTEM } from '../fixtures.ts';
import { badRequest, GpcError, invalidParameter } from '../outcome.ts';
import { locationResource, organizationResource, practitionerOf, practitionerResource, scheduleResource, slotResource } from '../resources.ts';
import { parseSearchDate, type SearchDate } from '../search-dates.ts';
import { DAYS } from '../../../common/london-time.ts';
import type { GpcWorld } from '../world.ts';
import type { SlotRec } from '../world-model.ts';
import { availableTo } from '../availability.ts';

const MAX_RANGE_MS = DAYS(14);

interface SlotQuery {
  from: Date;
  to: Date;
  odsCodes: string[];
  orgTypes: string[];
  includeSchedules: boolean;
  includePractitioners: boolean;
  includeLocations: boolean;
  includeOrganizationsAsked: boolean;
}

/** A required parameter that is absent is a 400 (the demonstrator's framework); one given twice is a bad parameter. */
function single(call: Call, name: string): string {
  const values = call.req.query.getAll(name);
  if (values.length === 0) throw badRequest(`the ${name} search parameter is required`);
  if (values.length > 1) throw invalidParameter(`the ${name} search parameter may be given only once`);
  return values[0]!;
}

function dateParam(call: Call, name: 'start' | 'end', prefix: 'ge' | 'le'): SearchDate {
  const raw = single(call, name);
  const parsed = parseSearchDate(raw);
  if (!parsed) throw invalidParameter(`${name}=${raw}: expected ${prefix}yyyy-mm-dd or ${prefix}yyyy-mm-ddThh:mm:ss+00:00 (or +01:00)`);
  if (parsed.prefix !== prefix && !call.ctx.fault('gpc-prefix-not-checked')) {
    throw invalidParameter(`${name}=${raw}: the ${name} parameter takes the '${prefix}' prefix`);
  }
  return parsed;
}

function checkStatus(call: Call): void {
  if (call.ctx.fault('gpc-status-not-required') && !call.req.query.has('status')) return;
  const status = single(call, 'status');
  if (status !== 'free') throw invalidParameter(`status=${status}: only free slots can be searched`);
}

function checkRange(start: SearchDate, end: SearchDate, ctx: GpcContext): void {
  const span = end.wallClockMs - start.wallClockMs;
  if (span < 0) throw invalidParameter('the end of the search range is before its start');
  if (span > MAX_RANGE_MS && !ctx.fault('gpc-range-limit-not-enforced')) {
    throw invalidParameter('the search range may not exceed 14 days');
  }
}

/** ODS and org-type filters name the booking organisation; filters in any other system are ignored. */
function searchFilters(call: Call): { odsCodes: string[]; orgTypes: string[] } {
  const odsCodes: string[] = [];
  const orgTypes: string[] = [];
  for (const filter of call.req.query.getAll('searchFilter')) {
    const bar = filter.indexOf('|');
    const [system, code] = [filter.slice(0, Math.max(bar, 0)), filter.slice(bar + 1)];
    if (bar > 0 && system === ODS_ORG_SYSTEM) odsCodes.push(code);
    else if (bar > 0 && system === ORG_TYPE_SYSTEM) orgTypes.push(code);
    else if (call.ctx.fault('gpc-unknown-search-filter-rejected')) throw invalidParameter(`unsupported searchFilter ${filter}`);
  }
  return { odsCodes, orgTypes };
}

function parseSlotQuery(call: Call): SlotQuery {
  const start = dateParam(call, 'start', 'ge');
  const end = dateParam(call, 'end', 'le');
  checkStatus(call);
  const includes = call.req.query.getAll('_include');
  // The faulty provider reads a repeated parameter with get(), which keeps only its first value.
  const recurse = call.ctx.fault('gpc-only-first-recurse-include')
    ? [call.req.query.get('_include:recurse')].filter((v): v is string => v !== null)
    : call.req.query.getAll('_include:recurse');
  const includeSchedules = includes.includes('Slot:schedule');
  if (!includeSchedules && !call.ctx.fault('gpc-include-schedule-optional')) {
    throw badRequest('_include=Slot:schedule is required when searching for free slots');
  }
  checkRange(start, end, call.ctx);
  const allActors = call.ctx.fault('gpc-actors-always-included');
  return {
    from: start.from,
    to: end.to,
    ...searchFilters(call),
    includeSchedules,
    includePractitioners: allActors || recurse.includes('Schedule:actor:Practitioner'),
    includeLocations: allActors || recurse.includes('Schedule:actor:Location'),
    includeOrganizationsAsked: recurse.includes('Location:managingOrganization'),
  };
}

function inRange(slot: SlotRec, q: SlotQuery, ctx: GpcContext): boolean {
  if (ctx.fault('gpc-slots-outside-range')) return slot.end > q.from && slot.start < q.to;
  // The faulty provider validates end but asks its slot store only for "free slots from start".
  if (ctx.fault('gpc-end-bound-ignored')) return slot.start >= q.from;
  return slot.start >= q.from && slot.end <= q.to;
}

function offered(slot: SlotRec, q: SlotQuery, call: Call): boolean {
  const { ctx } = call;
  if (slot.status !== 'free' && !ctx.fault('gpc-busy-slots-offered')) return false;
  if (slot.deliveryChannel === 'Visit' && !ctx.fault('gpc-visit-slots-offered')) return false;
  const available = ctx.fault('gpc-held-slots-offered') || availableTo(slot, q.odsCodes, q.orgTypes);
  return slot.start > ctx.now() && inRange(slot, q, ctx) && available;
}

function includedResources(slots: SlotRec[], q: SlotQuery, world: GpcWorld, ctx: GpcContext): BundleEntry[] {
  const allSchedules = [...new Set(slots.map((s) => s.scheduleId))].map((id) => world.schedules.get(id)!);
  // The faulty provider de-duplicates the included Schedules by their Location instead of their id.
  const schedules = ctx.fault('gpc-schedules-deduplicated-by-location')
    ? allSchedules.filter((s, i) => allSchedules.findIndex((o) => o.locationId === s.locationId) === i)
    : allSchedules;
  const practitionerIds = [...new Set(allSchedules.flatMap((s) => practitionerOf(s, ctx) ?? []))];
  const locationIds = [...new Set(allSchedules.map((s) => s.locationId))];
  const organizationIds = [...new Set(locationIds.map((id) => world.locations.get(id)!.organizationId))];
  // The spec makes the Organization part of every non-empty answer, asked for or not.
  const withOrganizations = q.includeOrganizationsAsked || !ctx.fault('gpc-organization-not-included');
  const include = (resource: BundleEntry['resource']): BundleEntry => ({ resource, mode: 'include' });
  return [
    ...(q.includeSchedules ? schedules.map((s) => include(scheduleResource(s, world.practitioners.get(s.practitionerId)!, ctx))) : []),
    ...(q.includePractitioners ? practitionerIds.map((id) => include(practitionerResource(world.practitioners.get(id)!))) : []),
    ...(q.includeLocations ? locationIds.map((id) => include(locationResource(world.locations.get(id)!))) : []),
    ...(withOrganizations ? organizationIds.map((id) => include(organizationResource(world.organizations.get(id)!))) : []),
  ];
}

/** How many free slots of each practice one search offers (liberty gpc-few-free-slots). */
const FEW_FREE_SLOTS = 5;

/** The earliest few free slots of each practice only: the practice releases that much of its diary to GP Connect (liberty). */
function releasedToGpConnect(slots: SlotRec[], call: Call): SlotRec[] {
  if (!call.ctx.liberty('gpc-few-free-slots')) return slots;
  const practiceOf = (s: SlotRec): string => call.world.locations.get(call.world.scheduleOf(s).locationId)!.organizationId;
  const taken = new Map<string, number>();
  return [...slots]
    .sort((a, b) => a.start.getTime() - b.start.getTime() || Number(a.id) - Number(b.id))
    .filter((s) => {
      const n = taken.get(practiceOf(s)) ?? 0;
      taken.set(practiceOf(s), n + 1);
      return n < FEW_FREE_SLOTS;
    });
}

export function searchFreeSlots(call: Call): Reply {
  const q = parseSlotQuery(call);
  const slots = releasedToGpConnect([...call.world.slots.values()].filter((s) => offered(s, q, call)), call);
  if (slots.length === 0 && call.ctx.fault('gpc-no-slots-404')) throw new GpcError('NO_RECORD_FOUND', 'no free slots in the range');
  const entries: BundleEntry[] = slots.length === 0 ? [] : [
    ...slots.map((s): BundleEntry => ({ resource: slotResource(s, call.ctx), mode: 'match' })),
    ...includedResources(slots, q, call.world, call.ctx),
  ];
  return { status: 200, body: searchset(entries, call.req.baseUrl, call.ctx) };
}
