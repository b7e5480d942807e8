import fhirpath from 'fhirpath';
import stu3 from 'fhirpath/fhir-context/stu3';
import r4 from 'fhirpath/fhir-context/r4';

import type { CompiledPath, FhirVersion } from '../model/fhir.ts';

export type { CompiledPath, FhirVersion };

export class FhirPathSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based column inside the expression, when fhirpath.js reports one. */
    readonly column: number | undefined,
  ) {
    super(message);
  }
}

const models = { stu3, r4 } as const;

// fhirpath.js reports syntax errors as "line: 1; column: 17; message: ...".
const SYNTAX = /line:\s*\d+;\s*column:\s*(\d+);\s*message:\s*(.*)$/s;

/** Compile once at load time; a syntax error becomes a FhirPathSyntaxError with its column. */
export function compileFhirPath(expression: string, version: FhirVersion): CompiledPath {
  let fn: (resource: unknown, env?: Record<string, unknown>) => unknown[];
  try {
    fn = fhirpath.compile(expression, models[version]) as typeof fn;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const m = SYNTAX.exec(text);
    throw new FhirPathSyntaxError(m ? m[2]!.trim() : text, m ? Number(m[1]) + 1 : undefined);
  }
  return (resource, vars) => fn(resource, vars);
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
