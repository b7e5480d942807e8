// The reference target in a worker thread (started by thread.ts): its worlds, routing and JSON
// serialising run on the second core while the runner judges responses on the first. It answers
// the start with what the main thread needs to know of it, then waits for 'close'.
import { parentPort, workerData } from 'node:worker_threads';
import { UnknownFaultError } from './errors.ts';
import { startReferenceServer } from './http-server.ts';
import { modulesServing } from './lazy-packs.ts';
import type { ThreadMessage, ThreadOptions } from './thread.ts';

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);

try {
  const { packs, ...opts } = workerData as ThreadOptions;
  const ref = await startReferenceServer(await modulesServing(packs ? new Set(packs) : undefined), opts);
  port.on('message', (m: unknown) => {
    if (m !== 'close') return;
    void ref.close().then(() => {
      post({ kind: 'closed' });
      port.close();
    });
  });
  post({ kind: 'started', url: ref.url, bases: ref.bases, faults: [...ref.faults], liberties: [...ref.liberties], fixtures: ref.fixtures() });
} catch (err) {
  post({ kind: 'failed', unknownName: err instanceof UnknownFaultError, message: err instanceof UnknownFaultError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err) });
  port.close();
}
