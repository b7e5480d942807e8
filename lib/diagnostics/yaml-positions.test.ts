import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as yaml from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../session/paths.ts';
import { InputErrors, YamlSource, type PathSegment } from './input-error.ts';
import { linePos, offsetOf, positionsOf } from './yaml-positions.ts';

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFilesUnder(p);
    return /\.(ya?ml)$/.test(name) ? [p] : [];
  });
}

/** Every path to a value, each with variants a caller may ask for: a segment's other type, one that is not there, one too deep. */
function pathsOf(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(path);
  if (value !== null && typeof value === 'object') out.push([...path, 'nope'], [...path, '0'], [...path, 99], [...path, ''], [...path, 0, 'deeper']);
  else out.push([...path, 'deeper']);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      pathsOf(v, [...path, k], out);
      if (/^\d+$/.test(k)) out.push([...path, Number(k)]);
    }
  }
  return out;
}

const EDGES = [
  '',
  '# only a comment\n',
  'plain scalar\n',
  '- a\n-\n- [1, 2, { x: y }]\n- - nested\n',
  '200: a\n"201": b\ntrue: c\nnull: d\n1.5: e\nk:\n? explicit\n',
  'base: &b { a: 1, b: [x, y] }\nuse:\n  <<: *b\n  c: 2\nalias: *b\n',
  'text: |\n  line one\n  line two\nafter: "multi\n  line"\nlast: 1\r\nwindows: 2\r\n',
  'flow: {a: [1, {b: c}], "q": \'r\'}\n',
];

describe('YAML positions kept in the cache', () => {
  const texts = [...yamlFilesUnder(join(PROJECT_ROOT, 'suites')), join(PROJECT_ROOT, 'targets.yaml')].map((f) => readFileSync(f, 'utf8'));

  it('give every position, of a value or of its key, the parsed document gives (every file of the project, and edge cases)', () => {
    const kept: string[] = [];
    const parsedAt: string[] = [];
    for (const text of [...texts, ...EDGES]) {
      const parsed = YamlSource.parse('f.yaml', text);
      const counter = new yaml.LineCounter();
      const doc = yaml.parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, merge: true });
      const positions = positionsOf(doc, counter, yaml);
      expect(positions, text.slice(0, 80)).toBeDefined();
      for (const path of pathsOf(parsed.value)) {
        for (const key of [false, true]) {
          const offset = offsetOf(positions!, path, key);
          const at = offset === undefined ? { line: 1, col: 1 } : linePos(positions!.lineStarts, offset);
          const { line, col } = parsed.posOf(path, key);
          const what = `${text.slice(0, 40)} ${JSON.stringify(path)} ${key}`;
          kept.push(`${what} ${at.line}:${at.col}`);
          parsedAt.push(`${what} ${line}:${col}`);
        }
      }
    }
    expect(kept).toEqual(parsedAt);
    expect(kept.length).toBeGreaterThan(10_000);
  }, 30_000);

  it('a file read back from the cache has the same value, positions and errors as one parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-yaml-'));
    const file = join(dir, 'a.yaml');
    const text = `# yaml-positions.test.ts\n${EDGES[5]}list:\n  - { name: a, request: { path: /x } }\n`;
    writeFileSync(file, text);
    const parsed = YamlSource.parse('a.yaml', text);
    for (let i = 0; i < 2; i++) {
      const read = YamlSource.read(file, dir);
      expect(read.value).toEqual(parsed.value);
      for (const path of pathsOf(parsed.value)) {
        expect(read.posOf(path, true)).toEqual(parsed.posOf(path, true));
        expect(read.refOf(path)).toEqual(parsed.refOf(path));
      }
      expect(read.error(['list', 0, 'request', 'path'], 'p').message).toBe(parsed.error(['list', 0, 'request', 'path'], 'p').message);
    }
    // A text with errors is never kept: it is reported each time.
    writeFileSync(file, 'a: 1\na: 2\n');
    for (let i = 0; i < 2; i++) expect(() => YamlSource.read(file, dir)).toThrow(InputErrors);
  });
});
