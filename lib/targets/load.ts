import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaChecker } from '../diagnostics/schema-checker.ts';
import { InputError, InputErrors, YamlSource, type PathSegment } from '../diagnostics/input-error.ts';
import type { FhirVersion } from '../model/fhir.ts';
import { packOfEntry } from '../model/pack-entry.ts';
import type { Practice, Target, TargetPack } from '../model/target.ts';
import { resolveAuth, type RawAuth } from './auth.ts';

/** A target pack whose auth kind its pack.yaml does not accept: checked beside unknownPackErrors. */
export { authKindErrors } from './auth.ts';
/** A target pack that names no FHIR version (or one its pack is not written for): checked beside authKindErrors. */
export { fhirVersionErrors } from './fhir-version.ts';

const SCHEMA = join(dirname(fileURLToPath(import.meta.url)), 'targets.schema.json');
let checker: SchemaChecker | undefined;

export interface TargetsFile {
  file: string;
  defaultTarget?: string;
  /** The file's `suites:` folders (a supplier's own packs), absolute: resolved from the file's folder. */
  suiteDirs: string[];
  names: string[];
  src: YamlSource;
}

/** Scenarios in flight at once when neither the target nor --concurrency says: gentle on a supplier's test system. */
export const DEFAULT_CONCURRENCY = 4;

interface RawTarget {
  description?: string;
  embedded?: { faults?: string[]; liberties?: string[]; seed?: number; options?: Record<string, unknown> };
  testEnvironment?: boolean;
  timeoutMs?: number;
  concurrency?: number;
  maxBodyBytes?: number;
  retry?: { attempts: number; backoffMs?: number };
  headers?: Record<string, string | number>;
  tls?: { ca?: string; cert?: string; key?: string; passphrase?: string; servername?: string; verify?: boolean };
  packs: Record<string, { base: string; fhirVersion?: FhirVersion; practices?: Practice[]; headers?: Record<string, string | number>; auth?: RawAuth; fixtures?: Record<string, unknown>; fixturesFrom?: string }>;
}

/** Reads and schema-checks a targets file (every target's shape; env values are resolved per target later). */
export function readTargetsFile(file: string, root: string): TargetsFile {
  checker ??= new SchemaChecker(SCHEMA, 'targets file');
  const src = YamlSource.read(file, root);
  const errors = checker.check(src);
  const raw = src.value as { default?: string; suites?: string[]; targets?: Record<string, RawTarget> };
  const names = Object.keys(raw.targets ?? {});
  if (errors.length === 0 && raw.default !== undefined && !names.includes(raw.default)) {
    errors.push(src.error(['default'], `default target '${raw.default}' is not defined (targets: ${names.join(', ')})`));
  }
  if (errors.length > 0) throw new InputErrors(errors);
  const suiteDirs = (raw.suites ?? []).map((d) => resolve(dirname(resolve(file)), d));
  return { file, src, names, suiteDirs, ...(raw.default !== undefined ? { defaultTarget: raw.default } : {}) };
}

const ENV = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Resolves ${env:NAME} in every string of one target. Every resolved value is a secret.
 * A variable that is not set is a positioned error naming the variable.
 */
function resolveEnv(value: unknown, path: PathSegment[], src: YamlSource, env: NodeJS.ProcessEnv, secrets: Set<string>, errors: InputError[]): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV, (_m, name: string) => {
      const v = env[name];
      if (v === undefined || v === '') {
        errors.push(src.error(path, `environment variable ${name} is not set`));
        return '';
      }
      secrets.add(v);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, [...path, i], src, env, secrets, errors));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnv(v, [...path, k], src, env, secrets, errors)]));
  }
  return value;
}

/** A fixture may be written as a generator so a pool of hundreds of ids stays one line. */
function expandFixtures(fixtures: Record<string, unknown>, path: PathSegment[], src: YamlSource, errors: InputError[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fixtures).map(([k, v]) => {
      const seq = (v as { sequence?: { from?: unknown; count?: unknown } } | null)?.sequence;
      if (seq === undefined) return [k, v];
      const from = String(seq.from ?? '');
      const count = Number(seq.count);
      if (!/^\d+$/.test(from) || !Number.isInteger(count) || count < 1) {
        errors.push(src.error([...path, k, 'sequence'], `a sequence needs 'from' (digits) and 'count' (a positive integer)`));
        return [k, []];
      }
      const start = BigInt(from);
      return [k, Array.from({ length: count }, (_, i) => String(start + BigInt(i)).padStart(from.length, '0'))];
    }),
  );
}

function stringMap(h: Record<string, string | number> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k, String(v)]));
}

export function selectTarget(tf: TargetsFile, name: string | undefined, env: NodeJS.ProcessEnv = process.env): Target {
  const chosen = name ?? tf.defaultTarget ?? tf.names[0]!;
  if (!tf.names.includes(chosen)) {
    throw new InputErrors([new InputError(tf.src.posOf(['targets']), `no target '${chosen}' in ${tf.src.file} (targets: ${tf.names.join(', ')})`)]);
  }
  const errors: InputError[] = [];
  const secrets = new Set<string>();
  const path: PathSegment[] = ['targets', chosen];
  const raw = resolveEnv((tf.src.value as { targets: Record<string, RawTarget> }).targets[chosen], path, tf.src, env, secrets, errors) as RawTarget;
  const baseDir = dirname(resolve(tf.file));
  const packs: Record<string, TargetPack> = {};
  for (const [packId, p] of Object.entries(raw.packs)) {
    const at = [...path, 'packs', packId];
    checkBase(p.base, !!raw.embedded, [...at, 'base'], tf.src, errors);
    const auth = resolveAuth(p.auth, { at: [...at, 'auth'], src: tf.src, baseDir, errors, secrets });
    (p.practices ?? []).forEach((pr, i) => checkBase(pr.base, !!raw.embedded, [...at, 'practices', i, 'base'], tf.src, errors));
    if (p.practices && p.fixtures && 'practices' in p.fixtures) errors.push(tf.src.error([...at, 'fixtures', 'practices'], `fixtures.practices is made from the pack's 'practices' list: write the practices there only`, { key: true }));
    packs[packId] = withPractices({
      base: p.base.replace(/\/+$/, ''),
      ...(p.practices ? { practices: p.practices.map((pr) => ({ ...pr, base: pr.base.replace(/\/+$/, '') })) } : {}),
      headers: stringMap(p.headers),
      auth,
      fixtures: expandFixtures(p.fixtures ?? {}, [...at, 'fixtures'], tf.src, errors),
      ...(p.fixturesFrom ? { fixturesFrom: p.fixturesFrom } : {}),
      ...(p.fhirVersion ? { fhirVersion: p.fhirVersion } : {}),
    });
  }
  const tls = { ...(raw.tls ?? {}), verify: raw.tls?.verify ?? true };
  for (const key of ['ca', 'cert', 'key'] as const) {
    const f = tls[key];
    if (f === undefined) continue;
    const abs = isAbsolute(f) ? f : join(baseDir, f);
    if (!existsSync(abs)) errors.push(tf.src.error([...path, 'tls', key], `TLS ${key} file not found: ${abs}`));
    tls[key] = abs;
  }
  if (tls.passphrase) secrets.add(tls.passphrase);
  if (errors.length > 0) throw new InputErrors(errors);
  return {
    name: chosen,
    file: tf.src.file,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    ...(raw.embedded ? { embedded: { faults: raw.embedded.faults ?? [], liberties: raw.embedded.liberties ?? [], ...(raw.embedded.seed !== undefined ? { seed: raw.embedded.seed } : {}), options: raw.embedded.options ?? {} } } : {}),
    testEnvironment: raw.testEnvironment ?? false,
    timeoutMs: raw.timeoutMs ?? 10_000,
    concurrency: raw.concurrency ?? DEFAULT_CONCURRENCY,
    ...(raw.maxBodyBytes !== undefined ? { maxBodyBytes: raw.maxBodyBytes } : {}),
    ...(raw.retry ? { retry: { attempts: raw.retry.attempts, backoffMs: raw.retry.backoffMs ?? 200 } } : {}),
    headers: stringMap(raw.headers),
    tls,
    packs,
    secrets: [...secrets].filter((s) => s.length >= 4),
  };
}

/** Suites see a federation's practices as ${fixture.practices}, kept equal to the pack's practices list. */
export function withPractices(pack: TargetPack): TargetPack {
  return pack.practices ? { ...pack, fixtures: { ...pack.fixtures, practices: pack.practices } } : pack;
}

function checkBase(base: string, embedded: boolean, path: PathSegment[], src: YamlSource, errors: InputError[]): void {
  if (embedded) {
    if (!base.startsWith('/')) errors.push(src.error(path, `an embedded target's base is a path on the reference target, e.g. /gpconnect/fhir (got '${base}')`));
    return;
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    errors.push(src.error(path, `base must be an absolute http(s) URL (got '${base}')`));
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') errors.push(src.error(path, `base must use http or https (got '${url.protocol}')`));
  if (url.search || url.hash) errors.push(src.error(path, `base must not carry a query or fragment`));
}

/** A pack id the suites do not know would silently drop its suites: an error at the key, with the nearest known id. */
export function unknownPackErrors(tf: TargetsFile, targetNames: readonly string[], known: ReadonlySet<string>): InputError[] {
  const targets = (tf.src.value as { targets?: Record<string, RawTarget> }).targets ?? {};
  const errors: InputError[] = [];
  for (const name of targetNames) {
    for (const id of Object.keys(targets[name]?.packs ?? {})) {
      // An instance (pack@label) runs its pack's suites.
      if (known.has(packOfEntry(id))) continue;
      const near = nearest(id, [...known]);
      errors.push(tf.src.error(['targets', name, 'packs', id], `target '${name}': no spec pack '${id}' in suites/${near ? ` (did you mean '${near}'?)` : ''}; packs: ${[...known].sort().join(', ')}`, { key: true }));
    }
  }
  return errors;
}

function nearest(word: string, candidates: string[]): string | undefined {
  const scored = candidates.map((c) => ({ c, d: editDistance(word, c) })).sort((a, b) => a.d - b.d);
  return scored[0] && scored[0].d <= Math.max(2, Math.floor(word.length / 4)) ? scored[0].c : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}
