export type FhirVersion = 'stu3' | 'r4';

/** A compiled FHIRPath expression: evaluate against a resource with captured values as %variables. */
export type CompiledPath = (resource: unknown, vars: Record<string, unknown>) => unknown[];
