// The bare side of the runner-overhead comparison: the same N booking flows as the generated
// suite (search free slots, find patient, book, read back; 10 checks per flow), one after
// another like the runner at --concurrency 1, with undici and hand-written checks. Prints
// {inLoopMs, flows, failures} as JSON. Usage: node bare.mjs BASE N
import { Agent, request } from 'undici';

const [base, n] = [process.argv[2], Number(process.argv[3])];
const dispatcher = new Agent({ keepAliveTimeout: 60_000 });
const headers = { accept: 'application/fhir+json' };
let failures = 0;
const check = (ok) => void (ok || failures++);

async function call(method, path, body) {
  const res = await request(base + path, {
    method,
    dispatcher,
    headers: body ? { ...headers, 'content-type': 'application/fhir+json' } : headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: JSON.parse(text) };
}

const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const slots = await call('GET', `/Slot?start=ge${from}&status=free`);
  check(slots.status === 200);
  check(slots.json.type === 'searchset');
  const slot = slots.json.entry.map((e) => e.resource).find((r) => r.resourceType === 'Slot');
  check(slot !== undefined);
  const patients = await call('GET', `/Patient?identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/nhs-number|9990000042')}`);
  check(patients.status === 200);
  const patient = patients.json.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Patient');
  check(patient.length === 1);
  const booked = await call('POST', '/Appointment', {
    resourceType: 'Appointment',
    status: 'booked',
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant: [{ actor: { reference: `Patient/${patient[0].id}` }, status: 'accepted' }],
  });
  check(booked.status === 201);
  check(booked.json.status === 'booked');
  const read = await call('GET', `/Appointment/${booked.json.id}`);
  check(read.status === 200);
  check(read.json.id === booked.json.id);
  check(read.json.slot.some((s) => s.reference === `Slot/${slot.id}`));
}
const inLoopMs = performance.now() - t0;
await dispatcher.close();
process.stdout.write(JSON.stringify({ inLoopMs, flows: n, failures }) + '\n');
