import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Conformance scenarios run against a live target: one file, its own timeout, not the project's unit tests.
export default defineConfig({
  // The folder of this file, wherever vitest is started from.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['*.conformance.ts'],
    testTimeout: 60_000,
  },
});
