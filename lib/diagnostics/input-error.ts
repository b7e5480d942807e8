import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { SourcePos } from '../model/suite.ts';

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

/** A parsed YAML file that can say where any of its values was written. */
export class YamlSource {
  readonly lines: string[];
  readonly value: unknown;

  private constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document,
    private readonly counter: LineCounter,
  ) {
    this.lines = text.split(/\r?\n/);
    this.value = doc.toJS({ maxAliasCount: 1000 });
  }

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
    return YamlSource.parse(relative(root, path) || path, text);
  }

  /** Parse; YAML syntax errors (including duplicate keys) are thrown together as InputErrors. */
  static parse(file: string, text: string): YamlSource {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, merge: true });
    const src = new YamlSource(file, text, doc, counter);
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
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const offset = key && n === path.length ? this.keyOffset(path) ?? node.range[0] : node.range[0];
        const lp = this.counter.linePos(offset);
        return { file: this.file, line: lp.line, col: lp.col };
      }
    }
    return { file: this.file, line: 1, col: 1 };
  }

  private keyOffset(path: readonly PathSegment[]): number | undefined {
    const parent = this.doc.getIn(path.slice(0, -1), true) as { items?: Array<{ key?: { value?: unknown; range?: number[] } }> } | undefined;
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
