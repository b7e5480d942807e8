// Its own module so that a thread-started target (thread.ts) can tell this error apart without
// loading the packs on the runner's thread.

/** A fault or liberty name the catalogue does not have. */
export class UnknownFaultError extends Error {}
