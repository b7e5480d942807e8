// suites/suite.schema.json is what the loader compiles and what editors read, so it carries each check
// kind's `expect:` fragment itself; the fragments are defined in the kinds' records. This holds the two
// equal. After changing or adding a kind, WRITE_SUITE_SCHEMA=1 npx vitest run lib/checks/schema.test.ts
// writes the records' fragments into the file (keeping its other keys and their order); run it again to see it pass.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from './index.ts';

const FILE = join(import.meta.dirname, '..', '..', 'suites', 'suite.schema.json');
/** Keys of `expect:` that are not a check kind. */
const NOT_KINDS = ['losers'];

interface SuiteSchema {
  definitions: Record<string, unknown> & { expect: { properties: Record<string, unknown> } };
}

function withRecords(schema: SuiteSchema): SuiteSchema {
  const props = schema.definitions.expect.properties;
  const next: Record<string, unknown> = {};
  // Existing keys keep their place (an unknown-key error lists them in this order); new kinds go before losers.
  for (const key of Object.keys(props)) {
    const def = CHECKS.find((d) => d.yamlKey === key);
    if (def) next[key] = def.schema;
  }
  for (const def of CHECKS) next[def.yamlKey] ??= def.schema;
  for (const key of NOT_KINDS) if (key in props) next[key] = props[key];
  const definitions = { ...schema.definitions, expect: { ...schema.definitions.expect, properties: next } };
  for (const def of CHECKS) Object.assign(definitions, def.definitions ?? {});
  return { ...schema, definitions };
}

describe('suites/suite.schema.json and the check records', () => {
  const file = JSON.parse(readFileSync(FILE, 'utf8')) as SuiteSchema;
  // Written only when the records changed something, so the file's hand formatting survives otherwise.
  const wanted = withRecords(file);
  if (process.env['WRITE_SUITE_SCHEMA'] && JSON.stringify(wanted) !== JSON.stringify(file)) writeFileSync(FILE, JSON.stringify(wanted, null, 2) + '\n');

  it("has each kind's fragment under its expect: key, and no key without a kind", () => {
    const props = file.definitions.expect.properties;
    expect(Object.keys(props).filter((k) => !NOT_KINDS.includes(k)).sort()).toEqual(CHECKS.map((d) => d.yamlKey).sort());
    for (const def of CHECKS) expect(props[def.yamlKey], `expect.${def.yamlKey}`).toEqual(def.schema);
  });

  it('has the definitions the kinds own', () => {
    for (const def of CHECKS) {
      for (const [name, schema] of Object.entries(def.definitions ?? {})) expect(file.definitions[name], `definitions.${name}`).toEqual(schema);
    }
  });

  it('gives every kind its own key', () => {
    expect(new Set(CHECKS.map((d) => d.yamlKey)).size).toBe(CHECKS.length);
    expect(new Set(CHECKS.map((d) => d.kind)).size).toBe(CHECKS.length);
  });
});
