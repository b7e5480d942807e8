// Read a slot: GET /Slot/{id} (FHIR STU3 read). The slot references a consumer books are the provider's own;
// reading one gives its times and shows whether it is still free.
import type { Reply } from '../../types.ts';
import type { CcCall } from '../context.ts';
import { fhirReply } from '../http.ts';
import { CcError } from '../outcome.ts';
import { slotResource } from '../resources.ts';

export function readSlot({ world, params: [id = ''] }: CcCall): Reply {
  const slot = world.slots.get(id);
  if (!slot) throw new CcError('NO_RECORD_FOUND', 'not-found', `no slot has the id ${id}`);
  return fhirReply(200, slotResource(slot));
}
