// Where each value of a YAML document was written, as a tree JSON can keep: a file whose text has parsed
// before is read back from node_modules/.cache with its value and these positions, so its YAML is not
// parsed again (some 200 ms for the project's suites) and the yaml package is not even loaded. The lookups
// answer exactly as the yaml Document's getIn does (input-error.ts uses one or the other;
// yaml-positions.test.ts holds them equal over every file of the project).

import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import type { PathSegment } from './input-error.ts';

/**
 * A node: its start offset (a scalar or an alias), null (no node: a pair without a value), or a collection:
 * [start, 0, ...items] for a sequence, [start, 1, key, keyStart, value, key, keyStart, value, ...] for a map
 * (a key as its scalar value, compared with ===; {} for a merge key, which no path segment names).
 */
export type PosNode = number | null | PosCollection;
type PosCollection = [number, 0 | 1, ...unknown[]];

export interface Positions {
  root: PosNode;
  /** The offset each line starts at, as the parser's LineCounter found them. */
  lineStarts: number[];
}

type Identity = Pick<typeof import('yaml'), 'isMap' | 'isSeq' | 'isScalar' | 'isAlias'>;

/** The positions of a parsed document; undefined when it has something the tree does not model (a key that is not a plain scalar). */
export function positionsOf(doc: Document, counter: LineCounter, yaml: Identity): Positions | undefined {
  const node = (n: unknown): PosNode | undefined => {
    if (n === null || n === undefined) return null;
    const start = (n as YamlNode).range?.[0];
    if (start === undefined) return undefined;
    if (yaml.isScalar(n) || yaml.isAlias(n)) return start;
    if (yaml.isSeq(n)) {
      const out: PosCollection = [start, 0];
      for (const item of n.items) {
        if (!yaml.isScalar(item) && !yaml.isAlias(item) && !yaml.isMap(item) && !yaml.isSeq(item)) return undefined;
        const p = node(item);
        if (p === undefined) return undefined;
        out.push(p);
      }
      return out;
    }
    if (yaml.isMap(n)) {
      const out: PosCollection = [start, 1];
      for (const pair of n.items) {
        const key = pair.key;
        if (!yaml.isScalar(key) || key.range === undefined || key.range === null) return undefined;
        // A merge key (<<) is a symbol no path segment equals: kept as {}, which equals none either.
        const k = typeof key.value === 'symbol' ? {} : key.value;
        if (!plainKey(k)) return undefined;
        const value = node(pair.value);
        if (value === undefined) return undefined;
        out.push(k, key.range[0], value);
      }
      return out;
    }
    return undefined;
  };
  const root = node(doc.contents);
  return root === undefined ? undefined : { root, lineStarts: [...counter.lineStarts] };
}

/** A key JSON keeps as it is, so it is compared to a path segment the same after the round trip ({} stands for a merge key). */
function plainKey(v: unknown): boolean {
  if (v !== null && typeof v === 'object') return Object.keys(v).length === 0 && Object.getPrototypeOf(v) === Object.prototype;
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** The node at `path` below `node`, as Document.getIn(path, true) finds it (undefined where it finds none). */
function child(node: PosNode | undefined, seg: PathSegment): PosNode | undefined {
  if (!Array.isArray(node)) return undefined;
  if (node[1] === 1) {
    // YAMLMap.get: the first pair whose scalar key is === the segment; a pair without a value is no node.
    for (let i = 2; i < node.length; i += 3) if (node[i] === seg) return (node[i + 2] as PosNode) ?? undefined;
    return undefined;
  }
  // YAMLSeq.get: a non-negative integer, or a non-empty string that is one.
  const idx = typeof seg === 'string' && seg ? Number(seg) : seg;
  if (typeof idx !== 'number' || !Number.isInteger(idx) || idx < 0) return undefined;
  return node[2 + idx] as PosNode | undefined;
}

function startOf(node: PosNode | undefined): number | undefined {
  if (typeof node === 'number') return node;
  return Array.isArray(node) ? node[0] : undefined;
}

/** The offset YamlSource.posOf reports for `path`: its nearest node with a start, the key's start when asked. */
export function offsetOf(p: Positions, path: readonly PathSegment[], key: boolean): number | undefined {
  const chain: Array<PosNode | undefined> = [p.root];
  for (const seg of path) {
    const next = child(chain[chain.length - 1], seg);
    if (next === undefined) break;
    chain.push(next);
  }
  for (let n = chain.length - 1; n >= 0; n--) {
    const start = startOf(chain[n]);
    if (start === undefined) continue;
    return key && n === path.length ? (keyStart(chain[n - 1], path[n - 1]) ?? start) : start;
  }
  return undefined;
}

/** The start of the key `last` in the map `parent` (the first pair with that key), as YamlSource.keyOffset finds it. */
function keyStart(parent: PosNode | undefined, last: PathSegment | undefined): number | undefined {
  if (!Array.isArray(parent) || parent[1] !== 1) return undefined;
  for (let i = 2; i < parent.length; i += 3) if (parent[i] === last) return parent[i + 1] as number;
  return undefined;
}

/** LineCounter.linePos over the kept line starts. */
export function linePos(lineStarts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  return { line: low, col: offset - lineStarts[low - 1]! + 1 };
}
