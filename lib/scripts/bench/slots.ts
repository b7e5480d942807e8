// Child process of the benchmark: a searchset Bundle of N Slots (e-RS A015 shape, conforming to
// eRS-SlotSearchset) pushed through the profile check and the A015 suite's FHIRPath checks, the
// way the runner judges a response (JSON.parse of the body text, then each check). Its own
// process, so the peak RSS is this work's alone. Writes JSON to stdout. Usage: slots.ts N
import { join } from 'node:path';
import { runCheck, type CheckInput } from '../../checks/index.ts';
import { compileFhirPath } from '../../fhirpath/compile.ts';
import type { PackDef } from '../../model/pack.ts';
import type { CheckSpec } from '../../model/suite.ts';
import { ProfileRegistry } from '../../profiles/registry.ts';
import { PROJECT_ROOT } from '../../session/paths.ts';

const n = Number(process.argv[2] ?? 10_000);
const SCHEDULES = 10;
const pack: PackDef = {
  id: 'ers-a016',
  title: 'e-RS',
  fhirVersion: 'stu3',
  auth: 'none',
  defaultHeaders: {},
  interactions: {},
  dir: '',
  operationOutcome: { profile: 'x', system: 'x', codes: {} },
};

// From suites/ers-a016/a015-slot-search.yaml: the whole-bundle assertions a slot search is judged by.
const EXPRESSIONS = [
  "Bundle.type = 'searchset'",
  "Bundle.total >= Bundle.entry.resource.where(resourceType = 'Slot').count()",
  "Bundle.entry.resource.where(resourceType = 'Slot').all(identifier.count() = 1 and identifier.system = 'https://fhir.nhs.uk/Id/alternative-slot' and identifier.value.exists())",
  "Bundle.entry.resource.where(resourceType = 'Slot').all(meta.profile contains 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Slot-1')",
  "Bundle.entry.resource.where(resourceType = 'Slot').all(status = 'free')",
  "Bundle.entry.resource.where(resourceType = 'Slot').all(start < end)",
  "Bundle.entry.where(resource.resourceType = 'Slot').all(search.mode = 'match')",
  "Bundle.entry.resource.where(resourceType = 'Slot').schedule.reference.distinct().subsetOf(Bundle.entry.resource.where(resourceType = 'Schedule').select('Schedule/' + id))",
];

function bundleText(): string {
  const day = (i: number) => `2030-01-${String(2 + (i % 20)).padStart(2, '0')}`;
  const time = (m: number) => `${String(8 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+00:00`;
  const slots = Array.from({ length: n }, (_, i) => ({
    fullUrl: `https://ers.example/Slot/${i + 1}`,
    resource: {
      resourceType: 'Slot',
      id: String(i + 1),
      meta: { profile: ['https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Slot-1'] },
      identifier: [{ system: 'https://fhir.nhs.uk/Id/alternative-slot', value: `USRN-${i + 1}` }],
      schedule: { reference: `Schedule/${(i % SCHEDULES) + 1}` },
      status: 'free',
      start: `${day(i)}T${time((i * 15) % 480)}`,
      end: `${day(i)}T${time(((i * 15) % 480) + 15)}`,
    },
    search: { mode: 'match' },
  }));
  const schedules = Array.from({ length: SCHEDULES }, (_, i) => ({
    fullUrl: `https://ers.example/Schedule/${i + 1}`,
    resource: {
      resourceType: 'Schedule',
      id: String(i + 1),
      meta: { profile: ['https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Schedule-1'] },
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ers-schedule', value: String(i + 1) }],
      actor: [{ identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: '70000' } }],
    },
    search: { mode: 'include' },
  }));
  return JSON.stringify({
    resourceType: 'Bundle',
    id: 'b1',
    meta: { lastUpdated: '2030-01-01T09:00:00+00:00', profile: ['http://hl7.org/fhir/STU3/StructureDefinition/Bundle'] },
    type: 'searchset',
    total: n,
    link: [{ relation: 'self', url: 'https://ers.example/Slot?HealthcareService=70000' }],
    entry: [...slots, ...schedules],
  });
}

// What a suite load does before any response arrives: read the profiles, compile the FHIRPath.
const profiles = new ProfileRegistry(join(PROJECT_ROOT, 'profiles'));
const specs: CheckSpec[] = [
  { kind: 'profile', profile: 'eRS-SlotSearchset' } as CheckSpec,
  ...EXPRESSIONS.map((expression) => ({ kind: 'fhirpath', assertion: { expression, compiled: compileFhirPath(expression, 'stu3') } }) as CheckSpec),
];
const text = bundleText();
const baseRss = process.memoryUsage().rss;

const t0 = performance.now();
const input: CheckInput = { response: { status: 200, headers: {}, body: text, durationMs: 1 }, json: JSON.parse(text), base: 'https://ers.example', pack, profiles, vars: {}, render: (v) => String(v) };
const parsedMs = performance.now() - t0;
const perCheck: Array<{ check: string; ms: number; outcome: string; message?: string }> = [];
for (const spec of specs) {
  const t = performance.now();
  const v = runCheck(spec, input);
  perCheck.push({ check: spec.kind === 'profile' ? `profile ${spec.profile}` : `fhirpath ${(spec as { assertion: { expression: string } }).assertion.expression}`, ms: performance.now() - t, outcome: v.outcome, ...(v.outcome === 'pass' ? {} : { message: v.message.slice(0, 300) }) });
}
const totalMs = performance.now() - t0;
process.stdout.write(
  JSON.stringify({ slots: n, bodyBytes: Buffer.byteLength(text), parsedMs, totalMs, perCheck, baseRss, peakRss: process.resourceUsage().maxRSS * 1024 }) + '\n',
);
