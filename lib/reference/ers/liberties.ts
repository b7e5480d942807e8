// Freedoms the e-RS specifications give a conformant provider. Each is consulted at exactly one
// place in the module (grep the name to find it); with any of them on, every scenario must still
// pass (a `should` liberty may warn).
import type { LibertyDef } from '../types.ts';

export const ERS_LIBERTIES = [] as const satisfies readonly LibertyDef[];

export type ErsLiberty = (typeof ERS_LIBERTIES)[number]['name'];
