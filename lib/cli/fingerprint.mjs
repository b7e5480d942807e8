// What the compiled command in dist/ was built from: the size and modification time of every .ts
// and .json file under lib/ that is not a test, and of the tsconfig files. lib/cli/build.mjs records it when it
// builds; lib/cli/bin.mjs runs dist/ only while the sources still match it exactly (a file
// added, removed, resized or touched since the build means the sources run through tsx).
// Plain JavaScript with no dependency: bin.mjs reads it at every start, before anything is compiled.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
/** Written last by a successful build; its absence means "no usable build". */
export const FINGERPRINT_FILE = join(DIST, '.fingerprint.json');

const LIB = join(ROOT, 'lib');
// Folders the command never loads (lib/layering.test.ts keeps cli/ from importing its floor-mates),
// so editing a script or a test helper does not send the command back to tsx.
const NOT_IN_COMMAND = /^(scripts|testing|examples)[\\/]/;
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

/** @returns {Record<string, string>} relative path → "size:mtimeMs", in a stable order */
export function sourceFingerprint() {
  /** @type {Record<string, string>} */
  const files = {};
  const add = (rel, abs) => {
    const st = statSync(abs);
    if (st.isFile()) files[rel] = `${st.size}:${st.mtimeMs}`;
  };
  for (const f of readdirSync(LIB, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!/\.(ts|json)$/.test(f) || f.endsWith('.test.ts') || NOT_IN_COMMAND.test(f)) continue;
    add(join('lib', f), join(LIB, f));
  }
  for (const f of CONFIGS) add(f, join(ROOT, f));
  return files;
}

/** @param {Record<string, string>} a @param {Record<string, string>} b */
export function sameFingerprint(a, b) {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}
