// Freedoms the GP Connect specification gives a conformant provider. Each is consulted as
// ctx.liberties.has('<name>') at the one place it applies; with any of them on, every scenario must
// still pass (a `should` liberty may warn). liberties.test.ts keeps the list and the code in step.
import type { LibertyDef } from '../types.ts';
import { GPC_PACK_ID } from './fixtures.ts';

const LIBERTIES: ReadonlyArray<Omit<LibertyDef, 'pack'>> = [];

export const GPC_LIBERTIES: readonly LibertyDef[] = LIBERTIES.map((l) => ({ ...l, pack: GPC_PACK_ID }));

