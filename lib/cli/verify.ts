// booking-conformance verify DIR: re-hashes an evidence pack against its manifest.json and names
// every file added, removed or changed since it was written.

import { EvidenceInputError, MANIFEST_FILE, verifyPack } from '../evidence/manifest.ts';
import type { Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';

export function verifyCommand(opts: { dir: string }, io: Io): number {
  let outcome;
  try {
    outcome = verifyPack(opts.dir);
  } catch (err) {
    if (!(err instanceof EvidenceInputError)) throw err;
    io.err(`error: ${err.message}`);
    io.err('\nnothing was verified.');
    return EXIT.input;
  }
  const { verified, added, removed, changed, manifestSha256 } = outcome;
  const problems = added.length + removed.length + changed.length;
  if (problems === 0) {
    io.out(`verified ${verified} files against ${MANIFEST_FILE} (sha256 ${manifestSha256})`);
    return EXIT.ok;
  }
  for (const p of changed) io.err(`changed: ${p.path} (${p.why})`);
  for (const p of removed) io.err(`removed: ${p} (listed in ${MANIFEST_FILE}, not in the folder)`);
  for (const p of added) io.err(`added: ${p} (in the folder, not in ${MANIFEST_FILE})`);
  io.err(`\nthe evidence pack ${opts.dir} does not match its manifest: ${changed.length} changed, ${removed.length} removed, ${added.length} added (${verified} files unchanged); do not rely on it`);
  return EXIT.failed;
}
