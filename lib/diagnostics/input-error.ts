import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import type { SourcePos } from '../model/suite.ts';
import { cacheKey, readCachedJson, writeCachedJson } from './cache.ts';
import { linePos, offsetOf, positionsOf, type Positions } from './yaml-positions.ts';

/** A problem in an input file, reported as file:line:col with the offending line. */
export class InputError extends Error {
  constructor(
    readonly pos: SourcePos,
    readonly problem: string,
    readonly excerpt?: string,
  ) {
    super(formatInputError(pos, problem, excerpt));
  }
}

/** Several input errors at once: a loader reports everything it found, not only the first. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

export function formatInputError(pos: SourcePos, problem: string, excerpt?: string): string {
  const head = `${pos.file}:${pos.line}:${pos.col}: ${problem}`;
  if (excerpt === undefined) return head;
  const gutter = String(pos.line).length;
  const caret = ' '.repeat(Math.max(0, pos.col - 1)) + '^';
  return `${head}\n  ${pos.line} | ${excerpt}\n  ${' '.repeat(gutter)} | ${caret}`;
}

export type PathSegment = string | number;

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true } as const;
const TO_JS = { maxAliasCount: 1000 } as const;
const require = createRequire(import.meta.url);
// Loaded only when a file has to be parsed (some 15-30 ms at start-up): a file read back from the cache needs none of it.
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
const YAML_VERSION = (require('yaml/package.json') as { version: string }).version;
/**
 * What every entry is made with: the yaml version and options, and the text of this module and of the one that
 * builds the positions (a change to either never reads an older entry), hashed once.
 */
const MADE_WITH = cacheKey([
  'yaml',
  YAML_VERSION,
  JSON.stringify([PARSE_OPTIONS, TO_JS]),
  ...[new URL(import.meta.url), new URL('./yaml-positions' + (import.meta.url.endsWith('.ts') ? '.ts' : '.js'), import.meta.url)].map((u) => {
    try {
      return readFileSync(u, 'utf8');
    } catch {
      return '';
    }
  }),
]);

interface Parsed {
  doc: Document;
  counter: LineCounter;
}

/** What the cache keeps of a file that parsed without errors: its value and the positions of its nodes. */
interface Kept extends Positions {
  value: unknown;
}

/** A parsed YAML file that can say where any of its values was written. */
export class YamlSource {
  readonly lines: string[];

  private constructor(
    readonly file: string,
    readonly text: string,
    /** The parsed document, or (read back from the cache) the positions of its nodes. */
    private readonly from: Parsed | Positions,
    readonly value: unknown,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /**
   * Reads and parses a file. A text that has parsed without errors before comes back from node_modules/.cache
   * (diagnostics/cache.ts) with its value and the positions of its nodes, under the hash of the text, the yaml
   * version and options and this code: it is not parsed again. A text with errors is never kept, so they are
   * always reported; a cache that cannot be read or written means parsing every time.
   */
  static read(path: string, root = process.cwd()): YamlSource {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputErrors([
        new InputError({ file: relative(root, path) || path, line: 1, col: 1 }, `cannot read file (${code ?? String(err)})`),
      ]);
    }
    const file = relative(root, path) || path;
    const key = cacheKey([MADE_WITH, text]);
    const kept = readCachedJson<Kept>('yaml', key);
    if (kept !== undefined) return new YamlSource(file, text, { root: kept.root, lineStarts: kept.lineStarts }, kept.value);
    const src = YamlSource.parse(file, text);
    const { doc, counter } = src.from as Parsed;
    const positions = jsonSafe(src.value, new Set()) ? positionsOf(doc, counter, yaml()) : undefined;
    if (positions) writeCachedJson('yaml', key, { value: src.value, ...positions } satisfies Kept);
    return src;
  }

  /** Parse; YAML syntax errors (including duplicate keys) are thrown together as InputErrors. */
  static parse(file: string, text: string): YamlSource {
    const { LineCounter, parseDocument } = yaml();
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, ...PARSE_OPTIONS });
    const src = new YamlSource(file, text, { doc, counter }, doc.toJS(TO_JS));
    if (doc.errors.length > 0) {
      throw new InputErrors(
        doc.errors.map((e) => {
          const at = counter.linePos(e.pos[0]);
          return new InputError(
            { file, line: at.line, col: at.col },
            `YAML ${e.code.toLowerCase().replace(/_/g, ' ')}: ${e.message.split('\n')[0]}`,
            src.lines[at.line - 1],
          );
        }),
      );
    }
    return src;
  }

  /** Position of the value at `path` (or of its nearest existing parent). */
  posOf(path: readonly PathSegment[], key = false): SourcePos {
    if (!('doc' in this.from)) {
      const offset = offsetOf(this.from, path, key);
      if (offset === undefined) return { file: this.file, line: 1, col: 1 };
      const lp = linePos(this.from.lineStarts, offset);
      return { file: this.file, line: lp.line, col: lp.col };
    }
    const { doc, counter } = this.from;
    const { isNode } = yaml();
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const offset = key && n === path.length ? this.keyOffset(doc, path) ?? node.range[0] : node.range[0];
        const lp = counter.linePos(offset);
        return { file: this.file, line: lp.line, col: lp.col };
      }
    }
    return { file: this.file, line: 1, col: 1 };
  }

  private keyOffset(doc: Document, path: readonly PathSegment[]): number | undefined {
    const parent = doc.getIn(path.slice(0, -1), true) as { items?: Array<{ key?: { value?: unknown; range?: number[] } }> } | undefined;
    const last = path[path.length - 1];
    const pair = parent?.items?.find((p) => p.key?.value === last);
    return pair?.key?.range?.[0];
  }

  /** Position of the value at `path` with its source line, for run-time results. */
  refOf(path: readonly PathSegment[]): SourcePos {
    const pos = this.posOf(path);
    const text = this.lines[pos.line - 1];
    return text === undefined ? pos : { ...pos, text };
  }

  error(path: readonly PathSegment[], problem: string, opts: { key?: boolean; colOffset?: number } = {}): InputError {
    const pos = this.posOf(path, opts.key);
    const adjusted = opts.colOffset ? { ...pos, col: pos.col + opts.colOffset } : pos;
    return new InputError(adjusted, problem, this.lines[pos.line - 1]);
  }
}

/** Whether JSON gives this value back as it is: plain objects and arrays of strings, finite numbers, booleans and null. */
function jsonSafe(value: unknown, within: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || within.has(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  within.add(value);
  const safe = Array.isArray(value) ? value.every((v) => jsonSafe(v, within)) : Object.values(value).every((v) => jsonSafe(v, within));
  within.delete(value);
  return safe;
}
