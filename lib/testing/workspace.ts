// Test helper: a throw-away project root with one pack, so loader tests can write suite
// files and assert the exact positions of their errors.

import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../session/paths.ts';

export const TEST_PACK = `pack: test-pack
title: Test pack
fhirVersion: stu3
auth: none
operationOutcome:
  profile: https://example.org/OperationOutcome
  system: https://example.org/codes
  codes:
    DUPLICATE_REJECTED: { status: 409, issue: duplicate }
`;

export function tempProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bc-test-'));
  mkdirSync(join(root, 'suites', 'test-pack'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'suites', 'suite.schema.json'), join(root, 'suites', 'suite.schema.json'));
  cpSync(join(PROJECT_ROOT, 'suites', 'pack.schema.json'), join(root, 'suites', 'pack.schema.json'));
  cpSync(join(PROJECT_ROOT, 'profiles'), join(root, 'profiles'), { recursive: true });
  writeFileSync(join(root, 'suites', 'test-pack', 'pack.yaml'), TEST_PACK);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
