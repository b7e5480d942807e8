// GET [base]/Slot?start=ge..&end=le..&status=free&_include=Slot:schedule: the practice's own free slots, by
// the GP Connect rules (the API Hub search page is GP Connect's, decisions.md).
import type { Reply } from '../../types.ts';
import { searchFreeSlots } from '../../gpconnect/interactions/search-slots.ts';
import { coreCall, type ApiHubCall } from '../context.ts';

export const searchSlots = (call: ApiHubCall): Reply => searchFreeSlots(coreCall(call));
