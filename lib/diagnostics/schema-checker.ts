import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { InputError, PathSegment, YamlSource } from './input-error.ts';

/** An ajv validator that reports schema violations as positioned InputErrors. */
export class SchemaChecker {
  private readonly validate: ValidateFunction;

  constructor(schemaPath: string, private readonly what: string) {
    this.validate = compiledValidator(readFileSync(schemaPath, 'utf8'));
  }

  check(src: YamlSource, value: unknown = src.value): InputError[] {
    if (this.validate(value)) return [];
    return pickErrors(this.validate.errors ?? []).map((e) => toInputError(src, e, this.what));
  }
}

const OPTIONS = { allErrors: true, strict: false, verbose: true } as const;
const require = createRequire(import.meta.url);
// Beside ajv, so the compiled code's require('ajv/dist/runtime/...') resolves to the same ajv.
const AJV_MAIN = require.resolve('ajv');
const CACHE_DIR = join(dirname(AJV_MAIN), '..', '..', '.cache', 'booking-conformance');
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/**
 * The schema compiled by ajv (about 100 ms for suite.schema.json, at every start): the code ajv
 * generates is kept in node_modules/.cache, keyed by the schema's text, ajv's version and the
 * options, and loaded from there while all three are unchanged (about 10 ms). Every file is still
 * validated on every run; only the compiling is saved. Any failure to read or write the cache
 * falls back to compiling.
 */
function compiledValidator(schemaText: string): ValidateFunction {
  const key = createHash('sha256').update(`${AJV_VERSION}\0${JSON.stringify(OPTIONS)}\0${schemaText}`).digest('hex').slice(0, 32);
  const file = join(CACHE_DIR, `ajv-${key}.cjs`);
  if (existsSync(file)) {
    try {
      return require(file) as ValidateFunction;
    } catch {
      // unreadable or half-written by an older version: compile below
    }
  }
  // ajv itself is loaded only here, when there is something to compile.
  const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
  const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (ajv: AjvClass, v: ValidateFunction) => string }).default;
  const ajv = new Ajv({ ...OPTIONS, code: { source: true } });
  const validate = ajv.compile(JSON.parse(schemaText) as object);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, standaloneCode(ajv, validate));
    renameSync(tmp, file);
  } catch {
    // a read-only install: compile at every start
  }
  return validate;
}

function pathOf(e: ErrorObject): PathSegment[] {
  if (e.instancePath === '') return [];
  return e.instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

// ajv reports every failed branch of if/then/else and anyOf; the deepest errors are the ones
// a person can act on, and 'if' errors only say that a branch failed.
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const pool = useful.length > 0 ? useful : errors;
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  const byDepth = [...pool].sort((a, b) => depth(b) - depth(a));
  const covered: string[] = [];
  for (const e of byDepth) {
    const where = e.instancePath + extraKey(e);
    // Drop an error on a parent when a deeper one already explains the same object.
    if (covered.some((c) => c.startsWith(e.instancePath + '/')) && e.keyword !== 'required' && e.keyword !== 'additionalProperties') continue;
    const key = `${where}|${e.keyword}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    covered.push(where);
    out.push(e);
  }
  return mergeEnumAlternatives(out);
}

function depth(e: ErrorObject): number {
  return e.instancePath.split('/').length + (extraKey(e) ? 1 : 0);
}

function extraKey(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return '/' + String((e.params as { additionalProperty: string }).additionalProperty);
  return '';
}

// A value that is neither 'present' nor an object yields both 'enum' and 'type' errors; keep one.
function mergeEnumAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const paths = new Map<string, ErrorObject[]>();
  for (const e of errors) paths.set(e.instancePath + extraKey(e), [...(paths.get(e.instancePath + extraKey(e)) ?? []), e]);
  return [...paths.values()].flatMap((group) => {
    const enumErr = group.find((e) => e.keyword === 'enum' || e.keyword === 'const');
    return enumErr && group.some((e) => e.keyword === 'type') ? [enumErr] : group;
  });
}

function toInputError(src: YamlSource, e: ErrorObject, what: string): InputError {
  const path = pathOf(e);
  const at = path.length > 0 ? `'${path.join('.')}'` : `the ${what}`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = allowedKeys(e);
      return src.error([...path, key], `unknown key '${key}' in ${at}${allowed ? ` (allowed: ${allowed})` : ''}`, { key: true });
    }
    case 'required':
      return src.error(path, `${at} is missing required key '${(e.params as { missingProperty: string }).missingProperty}'`);
    case 'enum':
      return src.error(path, `${at} must be one of: ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'pattern':
      return src.error(path, `${at} ${JSON.stringify(valueAt(src.value, path))} does not match ${(e.params as { pattern: string }).pattern}`);
    case 'propertyNames':
      return src.error(path, `${at} has a key that is not allowed: ${e.message ?? ''}`);
    default:
      return src.error(path, `${at} ${e.message ?? 'is not valid'}`);
  }
}

function allowedKeys(e: ErrorObject): string | undefined {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).join(', ') : undefined;
}

function valueAt(root: unknown, path: PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) cur = (cur as Record<string | number, unknown> | undefined)?.[seg];
  return cur;
}
