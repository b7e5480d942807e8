export const EXIT = {
  /** Every MUST check passed. */
  ok: 0,
  /** At least one MUST check failed. */
  failed: 1,
  /** Usage, suite or target error: nothing was sent. */
  input: 2,
  /** Errored checks (transport, timeout, tool) and no failures. */
  errored: 3,
} as const;
