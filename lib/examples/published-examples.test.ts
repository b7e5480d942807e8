// The specifications' own example responses, replayed through the checks of every suite step that expects
// that kind of response (lib/examples/README.md). Each check must pass, or the (example, check) pair must be
// listed in README.md under "Published examples that break a rule", with the rule; the list is exact.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
import { projectWorkspace } from '../session/reference.ts';
import { EXAMPLES } from './catalogue.ts';
import { examplesPresent, replayExample, responseFiles, SPEC_DIR } from './replay.ts';

const present = examplesPresent();
const ws = projectWorkspace();
const replays = present ? EXAMPLES.map((entry) => ({ entry, replay: replayExample(entry, ws) })) : [];

/** `example :: check` for every row of the README list (first two backticked cells of a table row). */
function listedPairs(): string[] {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const m = /<!-- examples:begin -->([\s\S]*?)<!-- examples:end -->/.exec(readme);
  if (!m) throw new Error('README.md has no <!-- examples:begin --> / <!-- examples:end --> section');
  return [...m[1]!.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map((r) => `${r[1]} :: ${r[2]}`);
}

describe.skipIf(!present)('published example responses', () => {
  it('the catalogue names every example response on disk exactly once', () => {
    const files = EXAMPLES.map((e) => e.file);
    expect(new Set(files).size).toBe(files.length);
    expect([...files].sort()).toEqual(responseFiles());
  });

  it('every example is replayed through at least one check, except those the catalogue says no step can judge', () => {
    const unjudged = replays.filter((r) => r.replay.judged.length === 0).map((r) => r.entry.file);
    expect(unjudged.sort()).toEqual(EXAMPLES.filter((e) => e.unjudged).map((e) => e.file).sort());
    // An example with no pack can have no step: it must say why.
    for (const e of EXAMPLES) if (e.packs.length === 0) expect(e.unjudged, e.file).toBeTruthy();
  });

  it('every check passes, or the example and check are listed in README.md with the rule the example breaks', () => {
    const failing = new Set(replays.flatMap((r) => r.replay.judged.filter((j) => j.verdict.outcome !== 'pass').map((j) => `${r.entry.file} :: ${j.check}`)));
    const listed = listedPairs();
    expect(new Set(listed).size, 'a pair is listed twice').toBe(listed.length);
    expect([...failing].sort()).toEqual([...listed].sort());
  });

  it('can fail: the book example without meta.versionId fails the ETag and Location checks it passes as published', () => {
    const entry = EXAMPLES.find((e) => e.file === 'gpconnect-examples/book_appt_response_example.json')!;
    const body = JSON.parse(readFileSync(join(SPEC_DIR, entry.file), 'utf8')) as { meta: Record<string, unknown> };
    delete body.meta['versionId'];
    const verdicts = (r: ReturnType<typeof replayExample>, check: string) => r.judged.filter((j) => j.check === check).map((j) => j.verdict.outcome === 'pass');
    const published = replays.find((r) => r.entry === entry)!.replay;
    const changed = replayExample(entry, ws, { text: JSON.stringify(body), json: body });
    for (const check of ['etag', 'location history']) {
      expect(verdicts(published, check).length, check).toBeGreaterThan(0);
      expect(verdicts(published, check).every(Boolean), check).toBe(true);
      expect(verdicts(changed, check).some((passed) => !passed), check).toBe(true);
    }
  });

  it('reports what was replayed and what was skipped, per example', () => {
    const lines = replays.map(({ entry, replay }) => {
      const skipped = Object.values(replay.skipped).reduce((a, b) => a + b, 0);
      const failed = replay.judged.filter((j) => j.verdict.outcome !== 'pass').length;
      const why = Object.entries(replay.skipped).map(([k, v]) => `${v} ${k}`).join(', ');
      const kind = [replay.resourceType, ...replay.codes].join(' ');
      return `${entry.file} [${kind}; ${entry.packs.join(', ') || 'no pack'}]: ${replay.steps} steps, ${replay.judged.length} checks replayed (${failed} failed), ${skipped} skipped${why ? ` (${why})` : ''}${entry.unjudged ? ` — ${entry.unjudged}` : ''}`;
    });
    console.info(lines.join('\n'));
    expect(lines).toHaveLength(EXAMPLES.length);
  });
});
