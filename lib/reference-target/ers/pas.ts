// The provider PAS (patient administration system) that e-RS asks to confirm every booking.
// e-RS gives it a fixed window (2 minutes in live); the window is an option so tests wait milliseconds.

import type { PasBehaviour } from './world.ts';

export type PasAnswer = 'confirmed' | 'timed-out' | 'error' | 'slot-gone';

export const DEFAULT_PAS_WINDOW_MS = 120_000;
/** A responsive PAS still takes a moment; long enough that racing attempts overlap. */
export const DEFAULT_PAS_LATENCY_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SimulatedPas {
  constructor(
    readonly windowMs: number,
    readonly latencyMs: number,
  ) {}

  static fromOptions(options: Readonly<Record<string, unknown>>): SimulatedPas {
    return new SimulatedPas(
      positiveNumber(options['ersPasWindowMs'], DEFAULT_PAS_WINDOW_MS),
      positiveNumber(options['ersPasLatencyMs'], DEFAULT_PAS_LATENCY_MS),
    );
  }

  /** Ask the PAS to book; resolves with what e-RS learns within its window. */
  async book(behaviour: PasBehaviour): Promise<PasAnswer> {
    if (behaviour === 'never-answers') {
      // e-RS waits out the whole window before it gives up.
      await sleep(this.windowMs);
      return 'timed-out';
    }
    await sleep(Math.min(this.latencyMs, this.windowMs));
    if (behaviour === 'errors') return 'error';
    if (behaviour === 'slot-gone') return 'slot-gone';
    return 'confirmed';
  }
}

function positiveNumber(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : fallback;
}
