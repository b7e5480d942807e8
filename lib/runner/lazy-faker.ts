// @faker-js/faker costs about 110 ms to import and a Faker instance about 0.5 ms to build, yet only
// the template functions uuid, nhsNumber and fake use it. So the module is imported the first time a
// scenario could need it (any `${uuid}`, `${nhsNumber}` or `${fake:...}` in the scenario, its suite's
// packs or the target), and each scenario's Faker is built on first use, with the scenario's seed:
// a seeded stream advanced only by use gives the same values whenever it is built.
import type { Faker } from '@faker-js/faker';

type FakerModule = typeof import('@faker-js/faker');
let loaded: FakerModule | undefined;
let loading: Promise<FakerModule> | undefined;

/** A `${...}` placeholder calling a function that reads faker (see evalFn in template/expressions.ts). */
const USES_FAKER = /\$\{\s*(?:uuid|nhsNumber|fake)\s*[:}]/;
const scanned = new WeakMap<object, boolean>();

/** Whether any string anywhere inside value holds such a placeholder (the answer kept per value). */
export function mayUseFaker(value: object): boolean {
  let known = scanned.get(value);
  if (known === undefined) scanned.set(value, (known = holdsFakerPlaceholder(value)));
  return known;
}

/**
 * USES_FAKER as it reads in JSON text, where the whitespace \s matches inside a placeholder may be
 * escaped (\t \n \f \r, and \v as \u000b).
 */
const USES_FAKER_JSON = /\$\{(?:\s|\\[tnfr]|\\u000b)*(?:uuid|nhsNumber|fake)(?:\s|\\[tnfr]|\\u000b)*[:}]/;

function holdsFakerPlaceholder(value: unknown): boolean {
  // A scenario or a target (plain data: strings, arrays, objects, compiled functions; no Map or Set
  // in model/suite.ts or model/target.ts) is looked at as one JSON text: a native pass instead of a
  // walk over its objects, which cost some 40 µs a scenario cold. The packs (a Map) are walked.
  if (value !== null && typeof value === 'object' && !(value instanceof Map)) {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined; // a cycle or a BigInt: walk it
    }
    if (text !== undefined) return text.includes('${') && USES_FAKER_JSON.test(text);
  }
  return walk(value);
}

function walk(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${') && USES_FAKER.test(value);
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Map) {
    for (const [k, v] of value) if (walk(k) || walk(v)) return true;
    return false;
  }
  if (Array.isArray(value)) {
    for (const v of value) if (walk(v)) return true;
    return false;
  }
  // Object.values, not for...in: a suite's objects come in many shapes, and for...in on each is slow cold.
  for (const v of Object.values(value)) if (walk(v)) return true;
  return false;
}

/** Imports faker once; later calls resolve at once. */
export async function loadFaker(): Promise<void> {
  if (loaded) return;
  loading ??= import('@faker-js/faker');
  loaded = await loading;
}

/**
 * The scenario's Faker: a stand-in that builds the real one, seeded, when a property is first read
 * (so copying a scope that holds it builds nothing). loadFaker() must have finished by then
 * (mayUseFaker said yes).
 */
export function lazyFaker(seed: number): Faker {
  let faker: Faker | undefined;
  const real = (): Faker => {
    if (faker) return faker;
    if (!loaded) throw new Error('internal: faker used by a scenario that was not expected to use it');
    faker = new loaded.Faker({ locale: [loaded.en_GB, loaded.en, loaded.base], seed });
    return faker;
  };
  return new Proxy({} as Faker, { get: (_t, prop) => Reflect.get(real(), prop) });
}
