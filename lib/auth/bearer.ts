// A fixed bearer token (RFC 6750), from targets.yaml (${env:NAME}) or a file beside it.

import { readFileSync } from 'node:fs';

export function bearerHeader(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** The token a file holds: its text without the surrounding whitespace (a trailing newline is usual). */
export function readTokenFile(file: string): string {
  return readFileSync(file, 'utf8').trim();
}
