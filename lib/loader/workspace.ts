// The workspace: reads the suites/ tree (packs, shared steps, fixture bodies, suite files), checks
// each file against its schema, and has expand.ts turn each suite file into Scenarios. Reports
// every problem it finds as file:line:col; nothing is sent.

import picomatch from 'picomatch';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { PackDef } from '../model/pack.ts';
import type { Scenario, Suite } from '../model/suite.ts';
import { ProfileRegistry } from '../profiles/registry.ts';
import type { At, ConvertContext } from './convert.ts';
import { expandSuite, type PackParts } from './expand.ts';
import { inlineBodyMistakes, isAbout } from './inline-body.ts';
import { loadPack } from './pack.ts';
import type { RawSharedStep, RawStepsFile, RawSuite } from './raw.ts';
import { SchemaChecker } from '../diagnostics/schema-checker.ts';
import { InputError, InputErrors, YamlSource } from '../diagnostics/input-error.ts';

export interface Workspace {
  root: string;
  packs: Map<string, PackDef>;
  suites: Suite[];
  profiles: ProfileRegistry;
}

export interface LoadOptions {
  /** Project root: suites/ and profiles/ live under it. */
  root: string;
  /** Only suite files whose path (relative to root) matches this glob. */
  suiteGlob?: string;
  /** Explicit suite files or folders (lint PATH ...). */
  paths?: string[];
  /**
   * Packs kept outside the tool (a supplier's own), loaded beside the built-in ones: each folder is a pack
   * folder (it holds pack.yaml) or a folder of pack folders. Absolute, or relative to the working directory.
   */
  suiteDirs?: string[];
  /**
   * Load only the suite files that can hold a scenario this accepts (read from the file before it is
   * checked): a run that selects a few scenarios checks and compiles just their files (`lint` checks all).
   */
  wants?: (scenario: { id: string; title: string; tags: string[] }) => boolean;
  /** A cheaper first look at each suite file's text, before it is parsed: false means it cannot hold a wanted scenario. */
  mayMention?: (text: string) => boolean;
  /** Load only the suite files of these packs (those the target implements); every pack.yaml is still read. */
  suitePacks?: ReadonlySet<string>;
}

const RESERVED = new Set(['pack.yaml', 'steps.yaml']);

interface PackFolder extends PackParts {
  /** Where its files are shown from in messages: the project root, or the working directory for a supplier's folder. */
  shownFrom: string;
  /** steps.yaml has errors: its suites are not checked until it is fixed (they would only repeat them). */
  brokenSteps: boolean;
  suiteFiles: string[];
  /**
   * Shared steps and fixture bodies not read yet (a filtered run reads them when one of the pack's files is
   * loaded): reading them, with where their errors go in the report, as if they had been read with pack.yaml.
   */
  loadParts?: () => void;
}

/** Errors of a pack folder's parts read late, and the place in the report they would have had if read early. */
interface LateErrors {
  at: number;
  errors: InputError[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

function loadFixtureBodies(dir: string, root: string, errors: InputError[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const fdir = join(dir, 'fixtures');
  if (!existsSync(fdir)) return out;
  for (const f of readdirSync(fdir).sort()) {
    const m = /^(.*)\.(ya?ml|json)$/.exec(f);
    if (!m) continue;
    try {
      out.set(m[1]!, YamlSource.read(join(fdir, f), root).value);
    } catch (err) {
      if (err instanceof InputErrors) errors.push(...err.errors);
      else throw err;
    }
  }
  return out;
}

function loadSharedSteps(dir: string, root: string, checker: SchemaChecker, errors: InputError[]): Map<string, { def: RawSharedStep; at: At }> {
  const out = new Map<string, { def: RawSharedStep; at: At }>();
  const file = join(dir, 'steps.yaml');
  if (!existsSync(file)) return out;
  const src = readChecked(file, root, checker, errors);
  if (!src) return out;
  for (const [name, def] of Object.entries((src.value as RawStepsFile).steps)) {
    out.set(name, { def, at: { src, path: ['steps', name] } });
  }
  return out;
}

/** A YAML file that parsed and passed its schema; undefined (its problems in errors) otherwise. */
function readChecked(file: string, root: string, checker: SchemaChecker, errors: InputError[]): YamlSource | undefined {
  const src = readYaml(file, root, errors);
  return src ? checked(src, checker, errors) : undefined;
}

/** The file when it passes its schema; undefined (its problems in errors) otherwise. */
function checked(src: YamlSource, checker: SchemaChecker, errors: InputError[]): YamlSource | undefined {
  // One clear error for a resource written under body: without json:, instead of one per key of it.
  const mistakes = inlineBodyMistakes(src);
  const problems = checker.check(src).filter((e) => !mistakes.some((m) => isAbout(e, m.path)));
  errors.push(...mistakes.map((m) => m.error), ...problems);
  return problems.length + mistakes.length > 0 ? undefined : src;
}

/** An unreadable file is kept: reading it again reports why. */
function textMayMention(file: string, mayMention: (text: string) => boolean): boolean {
  try {
    return mayMention(readFileSync(file, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Whether a suite file, as written (not yet checked), can hold a wanted scenario: a plain scenario or a
 * mutation row (with its table's tags). A file too broken to tell is kept, so its errors are reported.
 */
function mayHold(value: unknown, wants: NonNullable<LoadOptions['wants']>): boolean {
  const raw = value as { scenarios?: unknown; mutations?: unknown } | null;
  if (raw === null || typeof raw !== 'object') return true;
  if ((raw.scenarios !== undefined && !Array.isArray(raw.scenarios)) || (raw.mutations !== undefined && !Array.isArray(raw.mutations))) return true;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);
  const one = (sc: unknown, extraTags: string[] = []) => {
    const o = (sc ?? {}) as { id?: unknown; title?: unknown; tags?: unknown };
    if (typeof o.id !== 'string' || typeof o.title !== 'string') return true;
    return wants({ id: o.id, title: o.title, tags: [...extraTags, ...strings(o.tags)] });
  };
  const scenarios = (raw.scenarios ?? []) as unknown[];
  const tables = (raw.mutations ?? []) as Array<{ rows?: unknown; tags?: unknown } | null>;
  return scenarios.some((sc) => one(sc)) || tables.some((t) => !Array.isArray(t?.rows) || t.rows.some((row) => one(row, strings(t?.tags))));
}

function readYaml(file: string, root: string, errors: InputError[]): YamlSource | undefined {
  try {
    return YamlSource.read(file, root);
  } catch (err) {
    if (err instanceof InputErrors) {
      errors.push(...err.errors);
      return undefined;
    }
    throw err;
  }
}


export function loadWorkspace(opts: LoadOptions): Workspace {
  const root = opts.root;
  const suitesDir = join(root, 'suites');
  const errors: InputError[] = [];
  const profiles = new ProfileRegistry(join(root, 'profiles'));
  const checker = new SchemaChecker(join(suitesDir, 'suite.schema.json'), 'suite file');
  const folders: PackFolder[] = [];
  const late: LateErrors[] = [];
  // With --grep or --tags most packs have no file to load: their steps.yaml and fixtures are read only when one is.
  const lazy = opts.wants !== undefined || opts.mayMention !== undefined;
  const add = (dir: string, shownFrom: string) => {
    const folder = loadPackFolder(dir, shownFrom, suitesDir, checker, errors, opts.suitePacks, lazy ? late : undefined);
    if (!folder) return;
    const twin = folders.find((f) => f.pack.id === folder.pack.id);
    if (twin) errors.push(new InputError({ file: relative(shownFrom, join(dir, 'pack.yaml')), line: 1, col: 1 }, `pack '${folder.pack.id}' is already defined by ${relative(process.cwd(), join(twin.pack.dir, 'pack.yaml'))}: pack ids must be unique`));
    else folders.push(folder);
  };
  for (const dir of packDirsIn(suitesDir)) add(dir, root);
  // A supplier's folders show their files from the working directory, where the user named them.
  for (const given of opts.suiteDirs ?? []) {
    const dir = resolve(given);
    const found = existsSync(dir) && statSync(dir).isDirectory() ? packDirsIn(dir) : [];
    if (found.length === 0) errors.push(new InputError({ file: given, line: 1, col: 1 }, existsSync(dir) ? `no pack here: a pack folder holds pack.yaml, or a folder holds pack folders` : `no such folder`));
    for (const d of found) add(d, process.cwd());
  }
  const packs = new Map(folders.map((f) => [f.pack.id, f.pack]));
  const selected = selectFiles(folders, root, opts);
  const suites: Suite[] = [];
  for (const { folder, file } of selected) {
    if (folder.brokenSteps || (opts.suitePacks && !opts.suitePacks.has(folder.pack.id))) continue;
    if (opts.mayMention && !textMayMention(file, opts.mayMention)) continue;
    const src = readYaml(file, folder.shownFrom, errors);
    if (!src || (opts.wants && !mayHold(src.value, opts.wants))) continue;
    folder.loadParts?.();
    if (folder.brokenSteps) continue;
    const suite = loadSuiteFile(src, folder, packs, profiles, checker, errors, opts.wants);
    if (suite) suites.push(suite);
  }
  checkUniqueIds(suites, errors);
  const all = withLateErrors(errors, late);
  // A mistake in a shared step is found once per scenario that uses it; say it once.
  if (all.length > 0) throw new InputErrors([...new Map(all.map((e) => [e.message, e])).values()]);
  return { root, packs, suites, profiles };
}

/** The folder itself when it is a pack folder, else its sub-folders that are. */
function packDirsIn(dir: string): string[] {
  if (existsSync(join(dir, 'pack.yaml'))) return [dir];
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name))
    .filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'pack.yaml')));
}

/**
 * One pack folder: its pack.yaml, shared steps, fixture bodies and suite files (problems into errors). With
 * `late`, the shared steps and fixture bodies are read by `loadParts`, when a file of the pack is loaded.
 */
function loadPackFolder(dir: string, shownFrom: string, schemaDir: string, checker: SchemaChecker, errors: InputError[], suitePacks?: ReadonlySet<string>, late?: LateErrors[]): PackFolder | undefined {
  try {
    const pack = loadPack(dir, shownFrom, schemaDir);
    const folder: PackFolder = { pack, shownFrom, brokenSteps: false, shared: new Map(), fixtures: new Map(), suiteFiles: yamlFiles(dir).filter((f) => !RESERVED.has(basename(f))) };
    // A pack whose suites are not loaded needs no shared steps or fixture bodies: its pack.yaml is enough.
    if (suitePacks !== undefined && !suitePacks.has(pack.id)) return folder;
    const loadParts = (into: InputError[]) => {
      const before = into.length;
      folder.shared = loadSharedSteps(dir, shownFrom, checker, into);
      folder.brokenSteps = into.length > before;
      folder.fixtures = loadFixtureBodies(dir, shownFrom, into);
    };
    if (!late) loadParts(errors);
    else {
      const slot: LateErrors = { at: errors.length, errors: [] };
      late.push(slot);
      folder.loadParts = () => {
        delete folder.loadParts;
        loadParts(slot.errors);
      };
    }
    return folder;
  } catch (err) {
    if (err instanceof InputErrors) errors.push(...err.errors);
    else throw err;
    return undefined;
  }
}

/** The errors in the order an eager read would have found them: each late slot's before the error it preceded. */
function withLateErrors(errors: InputError[], late: LateErrors[]): InputError[] {
  if (late.every((l) => l.errors.length === 0)) return errors;
  const out: InputError[] = [];
  for (let i = 0; i <= errors.length; i++) {
    for (const l of late) if (l.at === i) out.push(...l.errors);
    if (i < errors.length) out.push(errors[i]!);
  }
  return out;
}

function selectFiles(folders: PackFolder[], root: string, opts: LoadOptions): Array<{ folder: PackFolder; file: string }> {
  const all = folders.flatMap((folder) => folder.suiteFiles.map((file) => ({ folder, file })));
  let picked = all;
  if (opts.paths && opts.paths.length > 0) {
    const wanted = opts.paths.map((p) => relative(root, isAbsolute(p) ? p : join(root, p)));
    const under = (rel: string, w: string) => w === '' || rel === w || rel.startsWith(w.endsWith('/') ? w : w + '/');
    picked = picked.filter(({ file }) => wanted.some((w) => under(relative(root, file), w)));
    const unmatched = wanted.filter((w) => !all.some(({ file }) => under(relative(root, file), w)));
    if (unmatched.length > 0) {
      throw new InputErrors(unmatched.map((w) => new InputError({ file: w, line: 1, col: 1 }, `no suite file here (suite files live in suites/<pack>/*.yaml)`)));
    }
  }
  if (opts.suiteGlob) {
    // A real glob (braces, classes, negation, globstar) rather than a hand-rolled subset.
    const matches = picomatch(opts.suiteGlob, { dot: true });
    // Matched against the path from the root, from suites/, and the file name with or without .yaml.
    const names = (file: string) => [relative(root, file), relative(join(root, 'suites'), file), basename(file), basename(file, '.yaml')];
    picked = picked.filter(({ file }) => names(file).some((n) => matches(n)));
    if (picked.length === 0) {
      throw new InputErrors([new InputError({ file: 'suites', line: 1, col: 1 }, `--suite '${opts.suiteGlob}' matches no suite file (try a file name such as 'book-appointment' or a path such as 'gpconnect-1.2/*')`)]);
    }
  }
  return picked;
}

function checkUniqueIds(suites: Suite[], errors: InputError[]): void {
  const seen = new Map<string, Scenario>();
  for (const s of suites) {
    for (const sc of s.scenarios) {
      const first = seen.get(sc.id);
      if (first) errors.push(new InputError(sc.pos, `scenario id ${sc.id} is already used at ${first.pos.file}:${first.pos.line}`));
      else seen.set(sc.id, sc);
    }
  }
}

function loadSuiteFile(
  read: YamlSource,
  folder: PackFolder,
  packs: ReadonlyMap<string, PackDef>,
  profiles: ProfileRegistry,
  checker: SchemaChecker,
  errors: InputError[],
  wants?: LoadOptions['wants'],
): Suite | undefined {
  const src = checked(read, checker, errors);
  if (!src) return undefined;
  const raw = src.value as RawSuite;
  if (raw.pack !== folder.pack.id) {
    errors.push(src.error(['pack'], `this file is in the folder of pack '${folder.pack.id}' but says pack '${raw.pack}'`));
    return undefined;
  }
  const ctx: ConvertContext = { src, pack: folder.pack, packs, profiles, fixtureBody: (n) => folder.fixtures.get(n), errors };
  return { file: src.file, name: raw.suite, pack: raw.pack, title: raw.title, scenarios: expandSuite(raw, src, folder, ctx, wants) };
}
