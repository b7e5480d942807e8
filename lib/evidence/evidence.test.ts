// The evidence pack end to end: `run --evidence` against the embedded reference target with a
// fault (so there are failures), `verify` passes, then every kind of tampering is named; no
// secret of targets.yaml and no JWT as a token reaches any file of the pack.

import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { PROJECT_ROOT, targetsFilePath } from '../session/paths.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import { filesUnder, MANIFEST_FILE, sha256, type Manifest } from './manifest.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A JWT or a piece of one as a token (base64url JSON): reports show JWTs decoded, never so. */
const JWT = /eyJ[A-Za-z0-9_-]{12,}/;

/** Two suite files only: a run reads no other (and a suite file being edited elsewhere cannot break this test). */
const SUITES = 'suites/*/{book-appointment,a016-book}.yaml';

let base = '';
let pack = '';
let run: Awaited<ReturnType<typeof cli>>;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'bc-evidence-'));
  pack = join(base, 'pack');
  // GPC-BOOK-002 fails under gpc-no-location; the e-RS BOOK-00x scenarios run beside it.
  run = await cli('run', '--suite', SUITES, '--grep', 'BOOK-00', '--fault', 'gpc-no-location', '--out', join(base, 'reports'), '--evidence', pack);
}, 120_000);

describe('run --evidence DIR', () => {
  it('writes the reports, every exchange, the CapabilityStatements, the suite files, the tool version and a manifest of all of it', () => {
    expect(run.code, run.err).toBe(1);
    expect(run.out).toMatch(/evidence: .*pack \(\d+ files in manifest\.json/);
    for (const f of ['junit.xml', 'results.json', 'report.html', 'tool.json', 'suite-files.json', MANIFEST_FILE]) expect(existsSync(join(pack, f)), f).toBe(true);
    // The reports in the pack are the run's, byte for byte.
    for (const f of ['junit.xml', 'results.json', 'report.html']) expect(sha256(readFileSync(join(pack, f)))).toBe(sha256(readFileSync(join(base, 'reports', f))));
    const results = JSON.parse(readFileSync(join(pack, 'results.json'), 'utf8')) as { scenarios: { id: string; status: string; steps: unknown[] }[] };
    expect(results.scenarios.find((s) => s.id === 'GPC-BOOK-002')?.status).toBe('failed');
    // One file per step of every scenario, named by scenario and step.
    const exchanges = filesUnder(pack).filter((f) => f.startsWith('exchanges/'));
    expect(exchanges.length).toBe(results.scenarios.reduce((n, s) => n + s.steps.length, 0));
    const booked = exchanges.find((f) => /^exchanges\/GPC-BOOK-002\/03-book-the-slot\.json$/.test(f));
    expect(booked, exchanges.filter((f) => f.includes('GPC-BOOK-002')).join(', ')).toBeDefined();
    const step = JSON.parse(readFileSync(join(pack, booked!), 'utf8')) as { scenario: string; request: { method: string; json?: { resourceType?: string } }; response: { status: number; json?: { resourceType?: string } }; checks: { outcome: string }[] };
    expect(step.scenario).toBe('GPC-BOOK-002');
    // Bodies as JSON values, not escaped strings.
    expect(step.request.method).toBe('POST');
    expect(step.request.json?.resourceType).toBe('Appointment');
    expect(step.response.json?.resourceType).toBe('Appointment');
    expect(step.checks.some((c) => c.outcome === 'fail')).toBe(true);
    // The CapabilityStatement as fetched, or the failure to fetch it, per pack.
    const gpc = JSON.parse(readFileSync(join(pack, 'capability', 'gpconnect-1-2.json'), 'utf8')) as { outcome: string; request: { url: string; headers: Record<string, string> }; response: { status: number; json: { resourceType: string } } };
    expect(gpc).toMatchObject({ outcome: 'answered', response: { status: 200, json: { resourceType: 'CapabilityStatement' } } });
    expect(gpc.request.url).toMatch(/\/gpconnect\/fhir\/metadata$/);
    expect(gpc.request.headers['Ssp-InteractionID']).toMatch(/:metadata-1$/);
    const ers = JSON.parse(readFileSync(join(pack, 'capability', 'ers-a016.json'), 'utf8')) as { outcome: string };
    expect(['answered', 'not-fetched']).toContain(ers.outcome);
    // The suite files, copied, with their hashes.
    const suites = JSON.parse(readFileSync(join(pack, 'suite-files.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    const paths = suites.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['suites/gpconnect-1.2/book-appointment.yaml', 'suites/gpconnect-1.2/pack.yaml', 'suites/gpconnect-1.2/steps.yaml', 'suites/ers-a016/a016-book.yaml']));
    for (const f of suites.files) expect(sha256(readFileSync(join(pack, 'suite-files', f.path))), f.path).toBe(f.sha256);
    const tool = JSON.parse(readFileSync(join(pack, 'tool.json'), 'utf8')) as Record<string, string>;
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(tool).toMatchObject({ name: 'booking-conformance', version: pkg.version, node: process.version });
    expect(tool['commit']).toMatch(/^([0-9a-f]{40}|unknown)$/);
    // The manifest lists every other file, with its hash and size.
    const manifest = JSON.parse(readFileSync(join(pack, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.files.map((e) => e.path)).toEqual(filesUnder(pack).filter((f) => f !== MANIFEST_FILE));
    for (const e of manifest.files) expect(readFileSync(join(pack, e.path)).length).toBe(e.bytes);
  });

  it('carries no secret of targets.yaml (session keys, tokens) and no JWT as a token in any file', () => {
    const target = selectTarget(readTargetsFile(targetsFilePath(), PROJECT_ROOT), 'reference');
    const targetsText = readFileSync(targetsFilePath(), 'utf8');
    // Every credential targets.yaml holds: the auth secrets and the extra session keys and tokens among the fixtures.
    const secrets = [...new Set([...target.secrets, ...targetsText.matchAll(/\b(pro-xapi-session_[0-9a-f-]+|ers-reference-token-\d+)\b/g)].map((m) => (typeof m === 'string' ? m : m[1]!)))];
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const files = filesUnder(pack);
    // The pack really holds the identities, redacted or decoded, so the test is not vacuous.
    const all = files.map((f) => readFileSync(join(pack, f), 'utf8')).join('\n');
    expect(all).toContain('"HTTP_X_SESSION_KEY": "[redacted]"');
    expect(all).toContain('Bearer JWT header');
    for (const f of files) {
      const text = readFileSync(join(pack, f), 'utf8');
      for (const s of secrets) expect(text.includes(s.slice(0, 24)), `${s} in ${f}`).toBe(false);
      expect(JWT.exec(text)?.[0], `a JWT in ${f}`).toBeUndefined();
    }
  });

  it('refuses a folder that is not empty, before anything is sent', async () => {
    const full = join(base, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'old.txt'), 'yesterday');
    const r = await cli('run', '--suite', SUITES, '--grep', 'GPC-BOOK-001', '--out', join(base, 'r2'), '--evidence', full);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--evidence .*full: the folder is not empty/);
    expect(existsSync(join(base, 'r2', 'results.json'))).toBe(false);
  });

  it('diff takes two evidence packs (each one\'s results.json)', async () => {
    const r = await cli('diff', pack, pack);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('verify DIR', () => {
  it('passes an untouched pack, then names every file changed, added and removed (exit 1)', async () => {
    const ok = await cli('verify', pack);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^verified \d+ files against manifest\.json \(sha256 [0-9a-f]{64}\)$/);
    // One byte changed (same size), one byte more, a file added, a file removed.
    const results = join(pack, 'results.json');
    const bytes = readFileSync(results);
    const at = bytes.indexOf('"failed"');
    bytes[at + 1] = 'F'.charCodeAt(0);
    writeFileSync(results, bytes);
    appendFileSync(join(pack, 'junit.xml'), ' ');
    writeFileSync(join(pack, 'exchanges', 'planted.json'), '{}');
    rmSync(join(pack, 'capability', 'gpconnect-1-2.json'));
    const bad = await cli('verify', pack);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^changed: results\.json \(same size, different content/m);
    expect(bad.err).toMatch(/^changed: junit\.xml \(\d+ bytes in the manifest, \d+ now\)/m);
    expect(bad.err).toMatch(/^added: exchanges\/planted\.json/m);
    expect(bad.err).toMatch(/^removed: capability\/gpconnect-1-2\.json/m);
    expect(bad.err).toMatch(/does not match its manifest: 2 changed, 1 removed, 1 added/);
    // diff does not compare a pack whose results.json is not the one its manifest vouches for.
    const diff = await cli('diff', pack, join(base, 'reports'));
    expect(diff.code).toBe(2);
    expect(diff.err).toMatch(/pack: results\.json is not the file the evidence pack's manifest\.json lists/);
  });

  it('says clearly when the folder is not an evidence pack (exit 2)', async () => {
    const missing = await cli('verify', join(base, 'nowhere'));
    expect([missing.code, missing.err]).toEqual([2, expect.stringMatching(/nowhere: no such folder/)]);
    const reports = await cli('verify', join(base, 'reports'));
    expect([reports.code, reports.err]).toEqual([2, expect.stringMatching(/no manifest\.json: not an evidence pack/)]);
    const broken = join(base, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, MANIFEST_FILE), '{"files": [');
    expect((await cli('verify', broken)).err).toMatch(/manifest\.json: not JSON/);
    writeFileSync(join(broken, MANIFEST_FILE), JSON.stringify({ manifestVersion: 99, files: [] }));
    const future = await cli('verify', broken);
    expect([future.code, future.err]).toEqual([2, expect.stringMatching(/manifestVersion 99 is not one this tool reads/)]);
    writeFileSync(join(broken, MANIFEST_FILE), JSON.stringify({ manifestVersion: 1, files: [{ path: 'x' }] }));
    expect((await cli('verify', broken)).err).toMatch(/files\[0\] is not \{path, sha256, bytes\}/);
  });
});
