#!/usr/bin/env node
// Entry point of the `booking-conformance` command: runs the TypeScript sources through tsx,
// so a clone needs no build step.
import { register } from 'tsx/esm/api';

// `list | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
