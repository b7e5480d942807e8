// A small path language for changing request bodies in mutation tables:
//   participant[0].actor          index into arrays
//   participant[actor.reference^=Location/].actor   first element whose field starts with a prefix
//   contained[resourceType=Organization].telecom    first element whose field equals a value
//   extension[+]              (set only) appends to the array, creating it when absent
// FHIRPath cannot write, so mutations use this instead.

export type PathStep =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'append' }
  | { kind: 'match'; field: string; op: '=' | '^='; value: string };

export class PathSyntaxError extends Error {}

export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]|\./gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < path.length) {
    re.lastIndex = pos;
    m = re.exec(path);
    if (!m) throw new PathSyntaxError(`cannot read path '${path}' at character ${pos + 1}`);
    pos = re.lastIndex;
    if (m[1] !== undefined) steps.push({ kind: 'key', key: m[1] });
    else if (m[2] !== undefined) steps.push(parseBracket(m[2], path));
  }
  if (steps.length === 0) throw new PathSyntaxError(`empty path`);
  if (steps.slice(0, -1).some((s) => s.kind === 'append')) throw new PathSyntaxError(`'[+]' may only end a path: '${path}'`);
  return steps;
}

function parseBracket(inner: string, path: string): PathStep {
  if (/^\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  if (inner === '+') return { kind: 'append' };
  const m = /^([A-Za-z0-9_.]+)(\^=|=)(.*)$/.exec(inner);
  if (!m) throw new PathSyntaxError(`cannot read '[${inner}]' in path '${path}': use [n], [field=value] or [field^=prefix]`);
  return { kind: 'match', field: m[1]!, op: m[2] as '=' | '^=', value: m[3]! };
}

function fieldOf(obj: unknown, dotted: string): unknown {
  let cur = obj;
  for (const k of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[0]?.[k as never] : (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function matches(el: unknown, step: Extract<PathStep, { kind: 'match' }>): boolean {
  const v = fieldOf(el, step.field);
  if (typeof v !== 'string') return false;
  return step.op === '=' ? v === step.value : v.startsWith(step.value);
}

/** Resolves one step against a container; returns the key or index to use, or undefined. */
function locate(container: unknown, step: PathStep): string | number | undefined {
  if (step.kind === 'key') return container !== null && typeof container === 'object' && !Array.isArray(container) ? step.key : undefined;
  if (!Array.isArray(container)) return undefined;
  if (step.kind === 'index') return step.index;
  if (step.kind === 'append') return container.length;
  const i = container.findIndex((el) => matches(el, step));
  return i >= 0 ? i : undefined;
}

export class PathNotFoundError extends Error {}

/** Removes the element at path. Throws PathNotFoundError when it is not there (a stale mutation row). */
export function removeAt(root: unknown, path: string): void {
  const steps = parsePath(path);
  if (steps.some((s) => s.kind === 'append')) throw new PathSyntaxError(`'[+]' appends, so it cannot be removed: '${path}'`);
  const parent = walk(root, steps.slice(0, -1), path, false);
  const key = locate(parent, steps[steps.length - 1]!);
  if (key === undefined || (parent as Record<string | number, unknown>)[key] === undefined) {
    throw new PathNotFoundError(`nothing to remove at '${path}'`);
  }
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete (parent as Record<string, unknown>)[key as string];
}

/** Sets the value at path, creating objects along the way. */
export function setAt(root: unknown, path: string, value: unknown): void {
  const steps = parsePath(path);
  const parent = walk(root, steps.slice(0, -1), path, true, steps[steps.length - 1]!);
  const key = locate(parent, steps[steps.length - 1]!);
  if (key === undefined) throw new PathNotFoundError(`cannot set '${path}': no such element`);
  (parent as Record<string | number, unknown>)[key] = value;
}

/** `last` is the step after these: an append creates a missing array where other steps create an object. */
function walk(root: unknown, steps: PathStep[], path: string, create: boolean, last?: PathStep): unknown {
  let cur = root;
  for (const [i, step] of steps.entries()) {
    const key = locate(cur, step);
    if (key === undefined) throw new PathNotFoundError(`no element at '${path}'`);
    const container = cur as Record<string | number, unknown>;
    const next = steps[i + 1] ?? last;
    if (container[key] === undefined && create && step.kind === 'key') container[key] = next?.kind === 'append' ? [] : {};
    cur = container[key];
    if (cur === undefined) throw new PathNotFoundError(`no element at '${path}'`);
  }
  return cur;
}
