export type FhirVersion = 'stu3' | 'r4';

/**
 * A compiled FHIRPath expression: evaluate against a resource with captured values as %variables. A pack
 * written for several FHIR versions compiles each expression once per version; `version` (the target's)
 * chooses which, and a single-version pack's ignores it.
 */
export type CompiledPath = (resource: unknown, vars: Record<string, unknown>, version?: FhirVersion) => unknown[];
