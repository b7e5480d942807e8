// The reference target in a worker thread (started by thread.ts): its worlds, routing and JSON
// serialising run on the second core while the runner judges responses on the first. It answers
// the start with what the main thread needs to know of it, then waits for 'close'.
import { parentPort, workerData } from 'node:worker_threads';
import { startReferenceTarget, UnknownFaultError, type ReferenceOptions } from './server.ts';
import type { ThreadMessage } from './thread.ts';

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);

try {
  const ref = await startReferenceTarget(workerData as ReferenceOptions);
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
