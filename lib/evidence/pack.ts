// An evidence pack: one folder holding everything an assurer needs to trust a verdict without
// re-running it — the run's reports, every exchange whole (redacted as the reports are), the
// target's CapabilityStatements as it served them, the suite files that judged it with their
// hashes, the tool that ran them, and manifest.json over all of it (written last).
//
// Secrets: every exchange was redacted by the runner before any reporter saw it, the
// CapabilityStatement fetch redacts its own, and the targets file (which may hold secrets) is
// never copied.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { PackDef } from '../model/pack.ts';
import { packOfEntry } from '../model/pack-entry.ts';
import type { ScenarioResult } from '../model/result.ts';
import { stepToDoc } from '../report/json.ts';
import { reportProvenance } from '../report/provenance.ts';
import type { CapabilityRecord } from './capability.ts';
import { EvidenceInputError, sha256, writeManifest, type Manifest } from './manifest.ts';

export interface EvidenceInput {
  /** The evidence folder (prepareEvidenceDir checked it before anything was sent). */
  dir: string;
  /** The project root: scenario files are relative to it; package.json and git name the tool. */
  root: string;
  /** The run's report files (junit.xml, results.json, report.html), copied in as written. */
  reports: string[];
  results: readonly ScenarioResult[];
  /** The workspace's packs: their folders hold pack.yaml, steps.yaml and fixtures/. */
  packs: ReadonlyMap<string, PackDef>;
  capability: readonly CapabilityRecord[];
}

/** Where a pack's files go, so a reader finds them by name. */
export const EVIDENCE_LAYOUT = {
  exchanges: 'exchanges',
  capability: 'capability',
  suiteFiles: 'suite-files',
  suiteHashes: 'suite-files.json',
  tool: 'tool.json',
} as const;

/** The folder must be new or empty: a file in it that the run did not write would be vouched for by the manifest. */
export function prepareEvidenceDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new EvidenceInputError(`--evidence ${dir}: exists and is not a folder; nothing was sent`);
    if (readdirSync(dir).length > 0) throw new EvidenceInputError(`--evidence ${dir}: the folder is not empty; an evidence pack is written into a new or empty folder, so nothing in it predates the run (nothing was sent)`);
  }
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new EvidenceInputError(`--evidence ${dir}: cannot write there (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); nothing was sent`);
  }
}

/** A file-name-safe form of a step's or scenario's name. */
export function slug(text: string, max = 60): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s || 'step';
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** exchanges/<scenario-id>/<nn>-<step>.json: each step whole (bodies parsed when JSON, never cut beyond what the runner kept). */
function writeExchanges(dir: string, results: readonly ScenarioResult[]): number {
  let n = 0;
  const seen = new Set<string>();
  for (const r of results) {
    let folder = slug(r.id, 80).toUpperCase();
    // Two ids that differ only in characters a file name cannot hold still get their own folders.
    for (let i = 2; seen.has(folder); i++) folder = `${slug(r.id, 80).toUpperCase()}-${i}`;
    seen.add(folder);
    r.steps.forEach((step, i) => {
      const name = `${String(i + 1).padStart(2, '0')}-${slug(step.name)}.json`;
      writeJson(join(dir, EVIDENCE_LAYOUT.exchanges, folder, name), { scenario: r.id, scenarioStatus: r.status, step: i + 1, ...stepToDoc(step, Number.POSITIVE_INFINITY) });
      n++;
    });
  }
  return n;
}

/** The files that decided the verdicts: each scenario's file, and its pack's pack.yaml, steps.yaml and fixtures; the ajv profiles. */
function suiteFilesUsed(root: string, results: readonly ScenarioResult[], packs: ReadonlyMap<string, PackDef>): string[] {
  const files = new Set(results.map((r) => r.file));
  const under = (d: string) => (existsSync(d) ? readdirSync(d, { recursive: true, encoding: 'utf8' }).map((f) => join(d, f)).filter((f) => statSync(f).isFile()) : []);
  for (const id of new Set(results.map((r) => r.pack))) {
    const pack = packs.get(packOfEntry(id));
    if (!pack) continue;
    for (const f of ['pack.yaml', 'steps.yaml']) if (existsSync(join(pack.dir, f))) files.add(relative(root, join(pack.dir, f)));
    for (const f of under(join(pack.dir, 'fixtures'))) files.add(relative(root, f));
  }
  for (const f of under(join(root, 'profiles'))) if (f.endsWith('.json')) files.add(relative(root, f));
  return [...files].map((f) => f.split(sep).join('/')).sort();
}

function copySuiteFiles(dir: string, root: string, files: string[]): { path: string; sha256: string; bytes: number }[] {
  return files.map((path) => {
    const data = readFileSync(join(root, path));
    const to = join(dir, EVIDENCE_LAYOUT.suiteFiles, path);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, data);
    return { path, sha256: sha256(data), bytes: data.length };
  });
}

/** Writes the pack and its manifest; returns the manifest. */
export function writeEvidencePack(input: EvidenceInput): Manifest {
  const { dir, root, results } = input;
  for (const file of input.reports) {
    const to = join(dir, basename(file));
    // --evidence may be --out itself: the reports are then already in place.
    if (existsSync(file) && resolve(file) !== resolve(to)) copyFileSync(file, to);
  }
  const exchanges = writeExchanges(dir, results);
  for (const c of input.capability) writeJson(join(dir, EVIDENCE_LAYOUT.capability, `${slug(c.pack)}.json`), c);
  const suiteFiles = copySuiteFiles(dir, root, suiteFilesUsed(root, results, input.packs));
  writeJson(join(dir, EVIDENCE_LAYOUT.suiteHashes), { note: `copies under ${EVIDENCE_LAYOUT.suiteFiles}/, paths relative to the project root`, files: suiteFiles });
  const p = reportProvenance(root, []);
  writeJson(join(dir, EVIDENCE_LAYOUT.tool), {
    name: 'booking-conformance',
    version: p.toolVersion,
    commit: p.commit,
    node: p.node,
    platform: `${process.platform} ${process.arch}`,
    scenarios: results.length,
    exchanges,
  });
  return writeManifest(dir);
}
