// Regenerates the fault table in README.md: runs the suites of each fault's pack against the
// reference target with that one fault, and lists the scenarios that caught it.
// Usage: npm run faults:table

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../cli/paths.ts';
import { allFaults } from '../reference/server.ts';
import { runAgainstReference } from '../runner/programmatic.ts';

const BEGIN = '<!-- faults:begin -->';
const END = '<!-- faults:end -->';

async function caughtBy(fault: string, pack: string): Promise<string[]> {
  const { results } = await runAgainstReference({ faults: [fault], packs: [pack] });
  // A SHOULD rule broken shows as a warning, at the level the spec gives it.
  return results.filter((r) => r.status === 'failed' || r.status === 'warned').map((r) => (r.status === 'warned' ? `${r.id} (warned)` : r.id));
}

function cell(ids: string[]): string {
  if (ids.length === 0) return '**none**';
  const shown = ids.slice(0, 8).join(', ');
  return ids.length > 8 ? `${shown} (+${ids.length - 8})` : shown;
}

async function main(): Promise<void> {
  const rows: string[] = ['| fault | pack | the provider mistake | caught by |', '|---|---|---|---|'];
  let uncaught = 0;
  for (const f of allFaults()) {
    const ids = await caughtBy(f.name, f.pack);
    if (ids.length === 0) uncaught++;
    rows.push(`| \`${f.name}\` | ${f.pack} | ${f.description.replace(/\|/g, '\\|')} | ${cell(ids)} |`);
    process.stderr.write(`${f.name}: ${ids.length}\n`);
  }
  const file = join(PROJECT_ROOT, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${BEGIN} … ${END} section`);
  writeFileSync(file, readme.slice(0, start + BEGIN.length) + '\n' + rows.join('\n') + '\n' + readme.slice(end));
  process.stderr.write(`${allFaults().length} faults, ${uncaught} not caught\n`);
  if (uncaught > 0) process.exitCode = 1;
}

await main();
