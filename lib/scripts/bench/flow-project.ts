// A throw-away copy of the project whose only pack is a generated booking-flow suite, so the
// real CLI (lib/cli/bin.mjs, which reads the suites next to its own lib/) can run it in a fresh
// process. lib/, profiles/ and the schemas are copied, node_modules is linked; dist/ is copied
// only when the project's own build is current, so the copy starts the same way the project does.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../session/paths.ts';

export const FLOW_PACK = 'bench-pack';
export const CHECKS_PER_FLOW = 10;

const PACK_YAML = `pack: ${FLOW_PACK}
title: Benchmark booking flow
fhirVersion: stu3
auth: none
defaultHeaders:
  Accept: application/fhir+json
operationOutcome:
  profile: https://example.org/OperationOutcome
  system: https://example.org/codes
  codes:
    NOT_FOUND: { status: 404, issue: not-found }
`;

// The same four requests and ten checks as bare.mjs: 3 + 2 + 2 + 3.
// Ids end in three digits (suite schema): the thousands go into the middle part.
const flow = (i: number) => `  - id: BENCH-F${Math.floor(i / 1000)}-${String(i % 1000).padStart(3, '0')}
    title: book a free slot and read it back (${i})
    level: MUST
    requirement: a free slot can be found, booked for the patient and read back
    source: benchmark
    steps:
      - name: search free slots
        request: { method: GET, path: /Slot, query: { start: "ge\${date:+1d}", status: free } }
        expect:
          status: 200
          fhirpath:
            - Bundle.type = 'searchset'
            - Bundle.entry.resource.where(resourceType = 'Slot').exists()
        capture:
          slot: Bundle.entry.resource.where(resourceType = 'Slot').first()
      - name: find the patient
        request: { method: GET, path: /Patient, query: { identifier: "https://fhir.nhs.uk/Id/nhs-number|9990000042" } }
        expect:
          status: 200
          fhirpath:
            - Bundle.entry.resource.where(resourceType = 'Patient').count() = 1
        capture:
          patient: Bundle.entry.resource.where(resourceType = 'Patient').first()
      - name: book the slot
        request:
          method: POST
          path: /Appointment
          body:
            json:
              resourceType: Appointment
              status: booked
              start: \${slot.start}
              end: \${slot.end}
              slot: [{ reference: "Slot/\${slot.id}" }]
              participant: [{ actor: { reference: "Patient/\${patient.id}" }, status: accepted }]
        expect:
          status: 201
          fhirpath:
            - Appointment.status = 'booked'
        capture:
          appointment: Appointment
      - name: read the appointment back
        request: { method: GET, path: "/Appointment/\${appointment.id}" }
        expect:
          status: 200
          fhirpath:
            - Appointment.id = %appointment.id
            - Appointment.slot.reference = 'Slot/' + %slot.id
`;

/** A project root with `flows` generated flow scenarios against `base`; run it with root/lib/cli/bin.mjs. */
export function flowProject(base: string, flows: number, compiledIsCurrent: boolean): string {
  return benchProject(base, Array.from({ length: flows }, (_, i) => flow(i + 1)).join(''), compiledIsCurrent);
}

// One search whose answer is a searchset of about `mb` MB (flow-server.mjs streams it): the runner must
// stop reading at the target's maxBodyBytes (10 MiB by default), so its memory stays bounded.
const largeBody = (mb: number) => `  - id: BENCH-BIG-001
    title: a search answered with ${mb} MB
    level: MUST
    requirement: the search answers a searchset
    source: benchmark
    steps:
      - name: search slots
        request: { method: GET, path: /Slot, query: { bigMb: "${mb}" } }
        expect:
          status: 200
          fhirpath:
            - Bundle.type = 'searchset'
`;

/** A project root with one scenario whose response body is about `mb` MB. */
export function largeBodyProject(base: string, mb: number, compiledIsCurrent: boolean): string {
  return benchProject(base, largeBody(mb), compiledIsCurrent);
}

function benchProject(base: string, scenarios: string, compiledIsCurrent: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'bc-bench-'));
  const skipTests = (src: string) => !src.endsWith('.test.ts');
  cpSync(join(PROJECT_ROOT, 'lib'), join(root, 'lib'), { recursive: true, filter: skipTests });
  cpSync(join(PROJECT_ROOT, 'profiles'), join(root, 'profiles'), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(PROJECT_ROOT, f), join(root, f));
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  if (compiledIsCurrent) {
    cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
    // The build's fingerprint is sizes and modification times, which a copy does not keep: record
    // the copy's own (same sources as the build), or the copy's bin.mjs would run the sources through tsx.
    const fp = pathToFileURL(join(root, 'lib', 'cli', 'fingerprint.mjs')).href;
    execFileSync(process.execPath, ['--input-type=module', '-e',
      `import { FINGERPRINT_FILE, sourceFingerprint } from ${JSON.stringify(fp)}; import { writeFileSync } from 'node:fs'; writeFileSync(FINGERPRINT_FILE, JSON.stringify(sourceFingerprint()));`]);
  }
  const pack = join(root, 'suites', FLOW_PACK);
  mkdirSync(pack, { recursive: true });
  for (const f of ['suite.schema.json', 'pack.schema.json']) cpSync(join(PROJECT_ROOT, 'suites', f), join(root, 'suites', f));
  writeFileSync(join(pack, 'pack.yaml'), PACK_YAML);
  writeFileSync(join(pack, 'flows.yaml'), `suite: flows\npack: ${FLOW_PACK}\ntitle: Booking flows\nscenarios:\n${scenarios}`);
  writeFileSync(
    join(root, 'targets.yaml'),
    `default: bench\ntargets:\n  bench:\n    testEnvironment: true\n    timeoutMs: 10000\n    concurrency: 1\n    packs:\n      ${FLOW_PACK}:\n        base: ${base}\n        auth: { kind: none }\n        fixtures: {}\n`,
  );
  return root;
}
