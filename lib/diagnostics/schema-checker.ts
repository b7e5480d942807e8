import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { cachedValidator, cacheKey, newAjv } from './cache.ts';
import type { InputError, PathSegment, YamlSource } from './input-error.ts';

/** An ajv validator that reports schema violations as positioned InputErrors. */
export class SchemaChecker {
  private readonly validate: ValidateFunction;

  constructor(schemaPath: string, private readonly what: string) {
    this.validate = compiledValidator(schemaPath, readFileSync(schemaPath, 'utf8'));
  }

  check(src: YamlSource, value: unknown = src.value): InputError[] {
    if (this.validate(value)) return [];
    return pickErrors(this.validate.errors ?? []).map((e) => toInputError(src, e, this.what));
  }
}

const OPTIONS = { allErrors: true, strict: false, verbose: true, code: { source: true } } as const;

/**
 * The schema compiled by ajv (about 100 ms for suite.schema.json, at every start): the code ajv
 * generates is kept in node_modules/.cache (cache.ts), keyed by the schema's text, ajv's version
 * and the options, and loaded from there while all three are unchanged (about 10 ms). Every file is
 * still validated on every run; only the compiling is saved. Any failure to read or write the cache
 * falls back to compiling.
 */
function compiledValidator(schemaPath: string, schemaText: string): ValidateFunction {
  const key = cacheKey([JSON.stringify(OPTIONS), schemaText]);
  const compile = () => {
    const ajv = newAjv(OPTIONS);
    ajv.addSchema(JSON.parse(schemaText) as object, 'schema');
    return ajv;
  };
  return cachedValidator(`schema-${basename(schemaPath, '.json')}`, key, compile, 'schema')!;
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
