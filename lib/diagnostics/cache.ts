import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';

// The one cache of the project, node_modules/.cache/booking-conformance: compiled ajv validators (the suite,
// pack and targets schemas here; the profiles and the base FHIR structure in profiles/) and the values of
// YAML files (input-error.ts). Every entry is keyed by what it is made from; any failure to read or write
// it falls back to building the thing again.
const require = createRequire(import.meta.url);
// Beside ajv, so the compiled code's require('ajv/dist/runtime/...') (and ajv-formats') resolves to the same packages.
const CACHE_DIR = join(dirname(require.resolve('ajv')), '..', '..', '.cache', 'booking-conformance');
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/**
 * What a validator is made from, as one key: ajv's version and the parts given (options, the schemas' text,
 * the text of the code that builds them), so a changed schema or option is never served stale code.
 */
export function cacheKey(parts: readonly string[]): string {
  const h = createHash('sha256').update(AJV_VERSION);
  for (const p of parts) h.update('\0').update(p);
  return h.digest('hex').slice(0, 24);
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

/** The JSON value kept under this name and key; undefined when absent or unreadable. */
export function readCachedJson<T>(name: string, key: string): T | undefined {
  const file = join(CACHE_DIR, `${name}-${key}.json`);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined; // half-written: built again
  }
}

/** Keeps a JSON value under this name and key (nothing when the cache cannot be written). */
export function writeCachedJson(name: string, key: string, value: unknown): void {
  write(join(CACHE_DIR, `${name}-${key}.json`), JSON.stringify(value));
}

/** A JSON value kept in node_modules/.cache under its key; built (and kept) when absent or unreadable. */
export function cachedJson<T>(name: string, key: string, build: () => T): T {
  const hit = readCachedJson<T>(name, key);
  if (hit !== undefined) return hit;
  const value = build();
  writeCachedJson(name, key, value);
  return value;
}

/**
 * A validator as ajv standalone code kept in node_modules/.cache under its key: loaded from there
 * (a require of the generated module) while the key holds, else compiled by `ajv()` and kept. ajv
 * itself is loaded only by `ajv()`, when there is something to compile. `ajv()` needs the option
 * `code: { source: true }` for the code to be kept.
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

/** A fresh ajv (loaded on first use). */
export function newAjv(options: ConstructorParameters<typeof AjvClass>[0]): AjvClass {
  const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
  return new Ajv(options);
}
