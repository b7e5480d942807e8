// One request through the provider: SSP headers, interaction, JWT, formats, then the interaction's handler.
// Every failure on the way becomes an OperationOutcome; every answer gets the common headers.
import type { PackHandler, RefRequest, RefResponse, Reply } from '../types.ts';
import type { GpcContext } from './context.ts';
import { checkSspHeaders, resolveInteraction } from './headers.ts';
import { checkJwt } from './jwt.ts';
import { checkFormats } from './negotiation.ts';
import { errorResponse, finish } from './reply.ts';
import { ROUTES } from './routes.ts';
import { buildWorld, PAST_SLOT_ID, type GpcWorld } from './world.ts';
import { GPC_PACK_ID } from './fixtures.ts';
import { formatLondonDateTime } from '../../common/london-time.ts';
import type { SlotRec } from './world-model.ts';
import { practitionerOf } from './resources.ts';

function handle(req: RefRequest, world: GpcWorld, ctx: GpcContext): RefResponse | Promise<RefResponse> {
  try {
    checkSspHeaders(req, ctx);
    const interaction = resolveInteraction(req, ROUTES, ctx);
    checkJwt(req, interaction.scope, ctx);
    checkFormats(req, ctx);
    const params = interaction.path.exec(req.path)?.slice(1) ?? [];
    const reply: Reply | Promise<Reply> = interaction.run({ req, ctx, world, params });
    if (reply instanceof Promise) return reply.then((r) => finish(r, ctx), (e: unknown) => errorResponse(e, ctx));
    return finish(reply, ctx);
  } catch (error) {
    return errorResponse(error, ctx);
  }
}

export function createGpcHandler(ctx: GpcContext): PackHandler {
  const world = buildWorld(ctx);
  return { handle: (req) => handle(req, world, ctx), fixtures: () => ({ [GPC_PACK_ID]: dynamicFixtures(world, ctx) }) };
}

/** Slots no search offers, described so a suite can build a booking for them. */
function dynamicFixtures(world: GpcWorld, ctx: GpcContext): Record<string, unknown> {
  const describe = (slot: SlotRec | undefined) => {
    if (!slot) return null;
    const schedule = world.schedules.get(slot.scheduleId)!;
    return {
      id: slot.id,
      start: formatLondonDateTime(slot.start),
      end: formatLondonDateTime(slot.end),
      locationRef: `Location/${schedule.locationId}`,
      practitionerRef: practitionerOf(schedule, ctx) ? `Practitioner/${schedule.practitionerId}` : null,
    };
  };
  const tomorrow = ctx.now().getTime() + 86_400_000;
  const visit = [...world.slots.values()].find((s) => s.deliveryChannel === 'Visit' && s.status === 'free' && s.start.getTime() > tomorrow);
  // A free slot held for an organisation type: offered only to a search whose searchFilter names the type.
  const held = [...world.slots.values()].find((s) => s.heldForOrgTypes.length > 0 && s.status === 'free' && s.start.getTime() > tomorrow);
  return { pastSlot: describe(world.slots.get(PAST_SLOT_ID)), visitSlot: describe(visit), heldSlot: describe(held), heldSlotOrgType: held?.heldForOrgTypes[0] ?? null };
}
