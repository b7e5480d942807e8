// npm run build (npm also runs it as `prepare`, so `npm ci` and `npm install` build): compiles
// lib/ to dist/ with tsc -p tsconfig.build.json, copies the JSON files the code reads beside its
// own module (schemas), and records what it was built from (fingerprint.mjs). lib/cli/bin.mjs runs
// dist/ only while that record still matches the sources; otherwise it runs them through tsx.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DIST, FINGERPRINT_FILE, ROOT, sourceFingerprint } from './fingerprint.mjs';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without devDependencies: the command still works, through tsx.
  console.warn('build: typescript is not installed; booking-conformance will run its sources through tsx');
  process.exit(0);
}

// Taken before compiling: a source edited during the build then no longer matches, and runs through tsx.
const fingerprint = sourceFingerprint();
rmSync(DIST, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  // Whatever tsc emitted stays unused: without the fingerprint bin.mjs runs the sources.
  console.error(`build: tsc failed (${r.status ?? r.signal}); booking-conformance will run its sources through tsx`);
  process.exit(r.status ?? 1);
}
const LIB = join(ROOT, 'lib');
for (const f of readdirSync(LIB, { recursive: true, encoding: 'utf8' })) {
  if (!f.endsWith('.json')) continue;
  mkdirSync(dirname(join(DIST, f)), { recursive: true });
  cpSync(join(LIB, f), join(DIST, f));
}
writeFileSync(FINGERPRINT_FILE, JSON.stringify(fingerprint));
console.log(`build: dist/ compiled from lib/ (${Object.keys(fingerprint).length} files)`);
