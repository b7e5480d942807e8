import fhirpath from 'fhirpath';
import { createRequire } from 'node:module';

import type { CompiledPath, FhirVersion } from '../model/fhir.ts';

export class FhirPathSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based column inside the expression, when fhirpath.js reports one. */
    readonly column: number | undefined,
  ) {
    super(message);
  }
}

// Each release's model is loaded on first use (15-20 ms each): most runs use one release only.
const require = createRequire(import.meta.url);
const MODEL_MODULES = { stu3: 'fhirpath/fhir-context/stu3', r4: 'fhirpath/fhir-context/r4' } as const;
const loadedModels: Partial<Record<FhirVersion, unknown>> = {};
const modelOf = (version: FhirVersion): unknown => (loadedModels[version] ??= require(MODEL_MODULES[version]));

// fhirpath.js reports syntax errors as "line: 1; column: 17; message: ...".
const SYNTAX = /line:\s*\d+;\s*column:\s*(\d+);\s*message:\s*(.*)$/s;

type Compiled = (resource: unknown, env?: Record<string, unknown>) => unknown[];

/**
 * One compiled function per (version, expression): shared steps and mutation rows repeat the same
 * expressions (some 2,200 compilations of under 200 distinct ones in the project's suites), and
 * compiling is the costliest part of loading them. A compiled expression keeps no state between calls.
 */
const compiled = new Map<string, Compiled>();

/** Compile once at load time; a syntax error becomes a FhirPathSyntaxError with its column. */
export function compileFhirPath(expression: string, version: FhirVersion): CompiledPath {
  const key = `${version}\0${expression}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = compileOnce(expression, version);
    compiled.set(key, fn);
  }
  const f = fn;
  return (resource, vars) => f(resource, vars);
}

function compileOnce(expression: string, version: FhirVersion): Compiled {
  try {
    return fhirpath.compile(expression, modelOf(version) as Parameters<typeof fhirpath.compile>[1]) as Compiled;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const m = SYNTAX.exec(text);
    throw new FhirPathSyntaxError(m ? m[2]!.trim() : text, m ? Number(m[1]) + 1 : undefined);
  }
}

/** %names an expression reads, other than the built-in FHIRPath/FHIR environment variables. */
export function referencedVariables(expression: string): string[] {
  const builtins = new Set(['resource', 'context', 'rootResource', 'ucum', 'sct', 'loinc', 'factory', 'terminologies']);
  const names = new Set<string>();
  // Names the expression defines for itself with defineVariable('name', ...).
  for (const m of expression.matchAll(/defineVariable\(\s*'([A-Za-z_][A-Za-z0-9_]*)'/g)) builtins.add(m[1]!);
  // Strip string literals so "'100%'" does not count.
  const code = expression.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  for (const m of code.matchAll(/%([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1]!;
    if (!builtins.has(name)) names.add(name);
  }
  // %`vs-...` and %`ext-...` are delimited built-ins; they never match the pattern above.
  return [...names];
}
