import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface ProfileIssue {
  /** JSON pointer into the resource, e.g. /participant/0/actor */
  path: string;
  message: string;
}

const SUFFIX = '.schema.json';

/**
 * The booking profiles in profiles/, as JSON Schemas compiled on first use.
 * Every schema file may $ref the others by file name (e.g. "common.schema.json#/definitions/dateTime").
 */
export class ProfileRegistry {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly names: string[];

  constructor(readonly dir: string) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => void)(this.ajv);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(SUFFIX)) : [];
    for (const f of files) {
      const schema = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
      this.ajv.addSchema({ ...schema, $id: f }, f);
    }
    this.names = files.map((f) => f.slice(0, -SUFFIX.length)).filter((n) => !n.startsWith('_'));
  }

  has(name: string): boolean {
    return this.names.includes(name);
  }

  validate(name: string, resource: unknown): ProfileIssue[] {
    let fn = this.compiled.get(name);
    if (!fn) {
      fn = this.ajv.getSchema(name + SUFFIX);
      if (!fn) throw new Error(`no profile '${name}' in ${this.dir}`);
      this.compiled.set(name, fn);
    }
    if (fn(resource)) return [];
    return (fn.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .map((e) => ({ path: e.instancePath || '/', message: describe(e.keyword, e.params as Record<string, unknown>, e.message) }));
  }
}

function describe(keyword: string, params: Record<string, unknown>, message: string | undefined): string {
  if (keyword === 'required') return `missing '${String(params['missingProperty'])}'`;
  if (keyword === 'additionalProperties') return `'${String(params['additionalProperty'])}' is not allowed`;
  if (keyword === 'const') return `must be ${JSON.stringify(params['allowedValue'])}`;
  if (keyword === 'enum') return `must be one of ${JSON.stringify(params['allowedValues'])}`;
  if (keyword === 'not') return `must not be present`;
  return message ?? keyword;
}
