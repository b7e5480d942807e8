import { InputErrors } from '../diagnostics/input-error.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const SHOWN_ERRORS = 40;

export function printErrors(messages: string[], io: Io): void {
  for (const m of messages.slice(0, SHOWN_ERRORS)) io.err(`error: ${m}`);
  if (messages.length > SHOWN_ERRORS) io.err(`… and ${messages.length - SHOWN_ERRORS} more`);
}

export function reportInputErrors(err: unknown, io: Io): boolean {
  if (!(err instanceof InputErrors)) return false;
  printErrors(err.errors.map((e) => e.message), io);
  io.err(`\n${err.errors.length} problem${err.errors.length === 1 ? '' : 's'} found; nothing was sent.`);
  return true;
}
