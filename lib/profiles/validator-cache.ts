import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
// Beside ajv, so the compiled code's require('ajv/dist/runtime/...') resolves to the same ajv (as
// diagnostics/schema-checker.ts does for the suite schema).
const CACHE_DIR = join(dirname(require.resolve('ajv')), '..', '..', '.cache', 'booking-conformance');
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/**
 * What the base-structure validators are made from, as one key: ajv's version and options, the
 * packages the definitions come from, and the text of the modules that turn them into schemas (so an
 * edit to the generator is never served a stale validator). Not the definitions' text: pinned
 * packages do not change under a version.
 */
export function cacheKey(parts: readonly string[]): string {
  const h = createHash('sha256').update(AJV_VERSION);
  for (const p of parts) h.update('\0').update(p);
  return h.digest('hex').slice(0, 24);
}

/** The text of a module beside this one (its .ts source, or the .js tsc made of it in dist/). */
export function moduleText(name: string): string {
  for (const ext of ['.ts', '.js']) {
    try {
      return readFileSync(new URL(`./${name}${ext}`, import.meta.url), 'utf8');
    } catch {
      // the other extension
    }
  }
  return '';
}

function write(file: string, text: string): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // a read-only install: build again at the next start
  }
}

/** A JSON value kept in node_modules/.cache under its key; built (and kept) when absent or unreadable. */
export function cachedJson<T>(name: string, key: string, build: () => T): T {
  const file = join(CACHE_DIR, `${name}-${key}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      // half-written: build below
    }
  }
  const value = build();
  write(file, JSON.stringify(value));
  return value;
}

/**
 * A validator as ajv standalone code kept in node_modules/.cache under its key: loaded from there
 * (a require of the generated module) while the key holds, else compiled by `ajv()` and kept.
 */
export function cachedValidator(name: string, key: string, ajv: () => AjvClass, ref: string): ValidateFunction | undefined {
  const file = join(CACHE_DIR, `${name}-${key}.cjs`);
  if (existsSync(file)) {
    try {
      return require(file) as ValidateFunction;
    } catch {
      // unreadable or half-written: compile below
    }
  }
  const instance = ajv();
  const validate = instance.getSchema(ref);
  if (!validate) return undefined;
  try {
    const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (a: AjvClass, v: ValidateFunction) => string }).default;
    write(file, standaloneCode(instance, validate));
  } catch {
    // code generation failed (an option standalone does not take): the compiled validator serves
  }
  return validate;
}
