#!/usr/bin/env node
// Entry point of the `booking-conformance` command.
//
// It runs the compiled JavaScript in dist/ (built by `npm run build`, which npm also runs as
// `prepare` on `npm ci` and `npm install`) when that build is current, and otherwise the
// TypeScript sources through tsx, so a clone needs no build step and an edit is never ignored:
// - "current" means dist/.fingerprint.json, written last by a successful build, still matches
//   the size and modification time of every non-test .ts and .json file under lib/ and of the
//   tsconfig files (lib/cli/fingerprint.mjs). Any edit, touch, new or deleted file, a failed or
//   missing build: the sources run through tsx (slower to start, same behaviour), until the next
//   `npm run build`.
// - BC_DEV=1 always runs the sources through tsx, skipping the check.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, FINGERPRINT_FILE, sameFingerprint, sourceFingerprint } from './fingerprint.mjs';

// undici parses HTTP with WebAssembly, which V8 recompiles with its optimising tier in the background; a
// process that has sent one request then waits ~70 ms at exit for that work (a request to a loopback
// server and close: the loop empties 75 ms later, 3 ms with the baseline tier only). The command's responses
// are small: the baseline code parses them fast enough, and every run ends sooner. Set before undici loads.
setFlagsFromString('--liftoff-only');

// `list | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

function compiledIsCurrent() {
  if (process.env.BC_DEV === '1' || !existsSync(FINGERPRINT_FILE)) return false;
  try {
    return sameFingerprint(JSON.parse(readFileSync(FINGERPRINT_FILE, 'utf8')), sourceFingerprint());
  } catch {
    return false;
  }
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await import(pathToFileURL(join(DIST, 'cli', 'main.js')).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
