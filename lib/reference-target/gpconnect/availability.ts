// Slot availability rules: the free slot search offers, and booking accepts, a held slot only for the
// booking organisations its hold names.
import type { SlotRec } from './world-model.ts';

/** Slots held back for some consumers are offered only to a booking organisation the hold names. */
export function availableTo(slot: SlotRec, odsCodes: readonly string[], orgTypes: readonly string[]): boolean {
  const open = slot.heldForOdsCodes.length === 0 && slot.heldForOrgTypes.length === 0;
  return open || slot.heldForOdsCodes.some((c) => odsCodes.includes(c)) || slot.heldForOrgTypes.some((t) => orgTypes.includes(t));
}
