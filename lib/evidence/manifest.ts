// manifest.json of an evidence pack: the SHA-256 and size of every other file in the folder, so an
// assurer can tell that what they were handed is what the run wrote. `verify` re-hashes the
// folder and names every file added, removed or changed since.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
/** Bumped when the manifest's shape changes; verify refuses one it does not know. */
export const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  /** Relative to the pack folder, with '/' whatever the platform. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  manifestVersion: number;
  tool: 'booking-conformance';
  createdAt: string;
  /** Every file of the pack but manifest.json itself, sorted by path. */
  files: ManifestEntry[];
}

/** The folder is not an evidence pack (missing, no manifest, a manifest that does not parse): the user's input. */
export class EvidenceInputError extends Error {}

export interface VerifyOutcome {
  /** Files the manifest lists, all present and unchanged. */
  verified: number;
  added: string[];
  removed: string[];
  changed: { path: string; why: string }[];
  /** SHA-256 of manifest.json: what an assurer compares with the one the supplier sent separately. */
  manifestSha256: string;
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Every file under `dir` (recursively), relative, '/'-separated, sorted; folders themselves are not entries. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join('/'))
    .sort();
}

function entryOf(dir: string, path: string): ManifestEntry {
  const data = readFileSync(join(dir, path));
  return { path, sha256: sha256(data), bytes: data.length };
}

/** Writes manifest.json over every file now in `dir`: call it last, when nothing more will be written. */
export function writeManifest(dir: string, createdAt = new Date()): Manifest {
  const manifest: Manifest = {
    manifestVersion: MANIFEST_VERSION,
    tool: 'booking-conformance',
    createdAt: createdAt.toISOString(),
    files: filesUnder(dir)
      .filter((p) => p !== MANIFEST_FILE)
      .map((p) => entryOf(dir, p)),
  };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function isEntry(e: unknown): e is ManifestEntry {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  return typeof x['path'] === 'string' && typeof x['sha256'] === 'string' && /^[0-9a-f]{64}$/.test(x['sha256']) && Number.isInteger(x['bytes']);
}

/** Reads and checks manifest.json; every way it can be unusable is an EvidenceInputError naming the file. */
export function readManifest(dir: string): { manifest: Manifest; sha256: string } {
  if (!existsSync(dir)) throw new EvidenceInputError(`${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new EvidenceInputError(`${dir}: not a folder (give the evidence pack's folder, the one run --evidence wrote)`);
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new EvidenceInputError(`${dir}: no ${MANIFEST_FILE}: not an evidence pack (run --evidence DIR writes one)`);
  const text = readFileSync(file);
  let value: unknown;
  try {
    value = JSON.parse(text.toString('utf8'));
  } catch (err) {
    throw new EvidenceInputError(`${file}: not JSON (${(err as Error).message})`);
  }
  const m = value as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null || !Array.isArray(m.files)) throw new EvidenceInputError(`${file}: not an evidence manifest (no "files" list)`);
  if (m.manifestVersion !== MANIFEST_VERSION) {
    throw new EvidenceInputError(`${file}: manifestVersion ${JSON.stringify(m.manifestVersion)} is not one this tool reads (it reads ${MANIFEST_VERSION}); use the booking-conformance version that wrote the pack`);
  }
  const bad = m.files.findIndex((e) => !isEntry(e));
  if (bad >= 0) throw new EvidenceInputError(`${file}: files[${bad}] is not {path, sha256, bytes}`);
  const paths = m.files.map((e) => e.path);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice) throw new EvidenceInputError(`${file}: ${twice} is listed twice`);
  return { manifest: m as Manifest, sha256: sha256(text) };
}

/** Whether one file of the pack is still the one its manifest lists (diff checks results.json so before comparing). */
export function matchesManifest(dir: string, path: string): { listed: boolean; same: boolean } {
  const { manifest } = readManifest(dir);
  const entry = manifest.files.find((e) => e.path === path);
  if (!entry || !existsSync(join(dir, path))) return { listed: !!entry, same: false };
  const now = entryOf(dir, path);
  return { listed: true, same: now.sha256 === entry.sha256 && now.bytes === entry.bytes };
}

/** Re-hashes the pack against its manifest. Throws EvidenceInputError when there is no usable manifest. */
export function verifyPack(dir: string): VerifyOutcome {
  const { manifest, sha256: manifestSha256 } = readManifest(dir);
  const onDisk = new Set(filesUnder(dir).filter((p) => p !== MANIFEST_FILE));
  const listed = new Set(manifest.files.map((e) => e.path));
  const added = [...onDisk].filter((p) => !listed.has(p));
  const removed: string[] = [];
  const changed: { path: string; why: string }[] = [];
  let verified = 0;
  for (const e of manifest.files) {
    if (!onDisk.has(e.path)) {
      removed.push(e.path);
      continue;
    }
    const now = entryOf(dir, e.path);
    if (now.bytes !== e.bytes) changed.push({ path: e.path, why: `${e.bytes} bytes in the manifest, ${now.bytes} now` });
    else if (now.sha256 !== e.sha256) changed.push({ path: e.path, why: `same size, different content (sha256 ${now.sha256.slice(0, 12)}…, manifest ${e.sha256.slice(0, 12)}…)` });
    else verified++;
  }
  return { verified, added, removed, changed, manifestSha256 };
}
