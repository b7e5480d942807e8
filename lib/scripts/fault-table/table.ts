// Regenerates the fault and liberty tables in README.md, by running exactly what the tests run:
// each fault against the suites of its pack (who catches it), and each liberty against every
// suite of its module (nothing may fail). Usage: npm run faults:table

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../session/paths.ts';
import type { ScenarioResult } from '../../model/result.ts';
import { projectWorkspace, runAgainstReference } from '../../session/reference.ts';
import { modulePacksOf, referenceCatalogue } from '../../targets/reference.ts';

const escape = (text: string) => text.replace(/\|/g, '\\|');

async function caughtBy(fault: string, pack: string): Promise<ScenarioResult[]> {
  const { results } = await runAgainstReference({ faults: [fault], packs: [pack], concurrency: 4 });
  // A SHOULD rule broken shows as a warning, at the level the spec gives it.
  return results.filter((r) => r.status === 'failed' || r.status === 'warned' || r.status === 'info');
}

function cell(results: ScenarioResult[]): string {
  const ids = results.map((r) => (r.status === 'failed' ? r.id : `${r.id} (${r.status})`));
  if (ids.length === 0) return '**none**';
  const shown = ids.slice(0, 8).join(', ');
  return ids.length > 8 ? `${shown} (+${ids.length - 8})` : shown;
}

function counts(results: ScenarioResult[]): string {
  const by = (s: ScenarioResult['status']) => results.filter((r) => r.status === s).length;
  const parts = [`${by('passed')} passed`];
  for (const s of ['warned', 'info', 'skipped', 'failed', 'errored'] as const) if (by(s) > 0) parts.push(`${by(s)} ${s}`);
  return parts.join(', ');
}

function replaceSection(readme: string, name: string, rows: string[]): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  if (start < 0 || stop < 0) throw new Error(`README.md has no ${begin} … ${end} section`);
  return readme.slice(0, start + begin.length) + '\n' + rows.join('\n') + '\n' + readme.slice(stop);
}

/** Runs at most `limit` at once (the runs wait on the reference target's simulated PAS), results in input order. */
async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function faultRows(): Promise<{ rows: string[]; uncaught: number; unproven: string[] }> {
  const rows = ['| fault | pack | the provider mistake | caught by |', '|---|---|---|---|'];
  const proven = new Set<string>();
  let uncaught = 0;
  const all = referenceCatalogue().faults;
  const caughtEach = await inParallel(all, 4, async (f) => {
    const caught = await caughtBy(f.name, f.pack);
    process.stderr.write(`${f.name}: ${caught.length}\n`);
    return caught;
  });
  all.forEach((f, i) => {
    const caught = caughtEach[i]!;
    if (caught.length === 0) uncaught++;
    for (const r of caught) proven.add(r.id);
    rows.push(`| \`${f.name}\` | ${f.pack} | ${escape(f.description)} | ${cell(caught)} |`);
  });
  // A scenario an instance entry (pack@label) runs again is reported as id@label: proven under any of its names
  // (the fault sweep test holds each instance to it on its own).
  const provenAs = (id: string) => proven.has(id) || [...proven].some((p) => p.startsWith(`${id}@`));
  const unproven = projectWorkspace().suites.flatMap((s) => s.scenarios.map((sc) => sc.id)).filter((id) => !provenAs(id));
  return { rows, uncaught, unproven };
}

async function libertyRows(): Promise<{ rows: string[]; broken: number }> {
  const rows = ['| liberty | pack | the freedom a conformant provider takes | granted by | every suite of its module |', '|---|---|---|---|---|'];
  let broken = 0;
  const liberties = referenceCatalogue().liberties;
  const each = await inParallel(liberties, 4, async (l) => {
    const { results } = await runAgainstReference({ liberties: [l.name], packs: modulePacksOf(l.name), concurrency: 4 });
    process.stderr.write(`${l.name}: ${counts(results)}\n`);
    return results;
  });
  liberties.forEach((l, i) => {
    const results = each[i]!;
    if (results.some((r) => r.status === 'failed' || r.status === 'errored' || (r.status === 'warned' && !l.should))) broken++;
    rows.push(`| \`${l.name}\` | ${l.pack} | ${escape(l.description)}${l.should ? ' (skips a SHOULD: may warn)' : ''} | ${escape(l.grantedBy)} | ${counts(results)} |`);
  });
  return { rows, broken };
}

async function main(): Promise<void> {
  const faults = await faultRows();
  const liberties = await libertyRows();
  const file = join(PROJECT_ROOT, 'README.md');
  let readme = readFileSync(file, 'utf8');
  const proof = `${referenceCatalogue().faults.length} faults, ${faults.uncaught} not caught; ${faults.unproven.length} scenarios fail under no fault${faults.unproven.length ? `: ${faults.unproven.join(', ')}` : ''}.`;
  readme = replaceSection(readme, 'faults', [...faults.rows, '', proof]);
  readme = replaceSection(readme, 'liberties', [...liberties.rows, '', `${referenceCatalogue().liberties.length} liberties, ${liberties.broken} with a failing scenario.`]);
  writeFileSync(file, readme);
  process.stderr.write(`${proof}\n${referenceCatalogue().liberties.length} liberties, ${liberties.broken} broken\n`);
  if (faults.uncaught > 0 || faults.unproven.length > 0 || liberties.broken > 0) process.exitCode = 1;
}

await main();
