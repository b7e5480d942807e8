// The loopback server of the runner-overhead and scale measurements: a tiny FHIR-ish booking
// endpoint (Slot search, Patient search, POST and GET Appointment) with no auth, so the bare
// loop and the runner send exactly the same requests to the same process. Plain node, no
// dependency: it runs in its own process and prints its base URL on stdout.
import { createServer } from 'node:http';

const appointments = new Map();
let nextSlot = 1;
let nextAppointment = 1;

const send = (res, status, body, headers = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/fhir+json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

const slot = (n) => ({
  resourceType: 'Slot',
  id: `s${n}`,
  schedule: { reference: 'Schedule/1' },
  status: 'free',
  start: '2030-01-02T09:00:00+00:00',
  end: '2030-01-02T09:15:00+00:00',
});

const bundle = (resources) => ({ resourceType: 'Bundle', type: 'searchset', total: resources.length, entry: resources.map((r) => ({ fullUrl: `${r.resourceType}/${r.id}`, resource: r })) });

// A searchset of about `mb` MB, written a thousand slots at a time (never held whole here), as a
// client that reads without a cap would have to hold it.
function sendLarge(res, mb) {
  res.writeHead(200, { 'content-type': 'application/fhir+json; charset=utf-8' });
  res.write('{"resourceType":"Bundle","type":"searchset","entry":[');
  const target = mb * 1024 * 1024;
  let written = 0;
  let n = 0;
  const more = () => {
    while (written < target) {
      const chunk = Array.from({ length: 1000 }, () => (n++ ? ',' : '') + JSON.stringify({ fullUrl: `Slot/s${n}`, resource: slot(n) })).join('');
      written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end(']}');
  };
  // A client that hangs up at its cap ends the answer early.
  res.on('close', () => (written = target));
  more();
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname.replace(/^\/fhir/, '');
  if (req.method === 'GET' && path === '/Slot' && url.searchParams.has('bigMb')) return sendLarge(res, Number(url.searchParams.get('bigMb')));
  if (req.method === 'GET' && path === '/Slot') {
    // Each search offers three slots no earlier search offered, so every flow books its own.
    const offered = [slot(nextSlot), slot(nextSlot + 1), slot(nextSlot + 2)];
    nextSlot += 3;
    return send(res, 200, bundle([...offered, { resourceType: 'Schedule', id: '1', actor: [{ reference: 'Location/1' }] }]));
  }
  if (req.method === 'GET' && path === '/Patient') {
    return send(res, 200, bundle([{ resourceType: 'Patient', id: '1', identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000042' }] }]));
  }
  if (req.method === 'POST' && path === '/Appointment') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const id = String(nextAppointment++);
      const stored = { ...JSON.parse(Buffer.concat(chunks).toString('utf8')), id, meta: { versionId: '1', lastUpdated: new Date().toISOString() } };
      appointments.set(id, stored);
      send(res, 201, stored, { location: `http://${req.headers.host}/fhir/Appointment/${id}/_history/1`, etag: 'W/"1"' });
    });
    return;
  }
  const m = /^\/Appointment\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && m && appointments.has(m[1])) return send(res, 200, appointments.get(m[1]), { etag: 'W/"1"' });
  send(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}/fhir\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
