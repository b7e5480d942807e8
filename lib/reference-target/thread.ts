// Starts the reference target in a worker thread (worker.ts), so a run uses both cores: the target
// builds and serialises its answers while the runner parses and judges the previous ones. The
// in-process server (server.ts) stays for the tests and sweeps, which start a target per fault.
import { Worker } from 'node:worker_threads';
import { UnknownFaultError } from './errors.ts';
import type { ReferenceOptions, RunningReference } from './http-server.ts';

/** What the worker posts back: the started server's facts, its failure, or that it has closed. */
export type ThreadMessage =
  | { kind: 'started'; url: string; bases: Record<string, string>; faults: string[]; liberties: string[]; fixtures: Record<string, Record<string, unknown>> }
  | { kind: 'failed'; unknownName: boolean; message: string }
  | { kind: 'closed' };

/**
 * Options a worker can receive: everything but a clock function (tests that pin the clock run in-process),
 * and the ids of the packs to serve instead of modules (absent: all of them).
 */
export type ThreadOptions = Omit<ReferenceOptions, 'now' | 'modules'> & { packs?: string[] };

/** The worker's module beside this one: compiled JavaScript in dist/, or the TypeScript source through tsx. */
function workerFile(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './worker-source.mjs' : './worker.js', import.meta.url);
}

export function startReferenceTargetInThread(opts: ThreadOptions = {}): Promise<RunningReference> {
  const worker = new Worker(workerFile(), { workerData: opts });
  let exited = false;
  worker.once('exit', () => void (exited = true));
  return new Promise<RunningReference>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    const onExit = (code: number) => reject(new Error(`the reference target's thread exited (${code}) before it started`));
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.once('message', (m: ThreadMessage) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (m.kind === 'failed') {
        reject(m.unknownName ? new UnknownFaultError(m.message) : new Error(`the reference target did not start: ${m.message}`));
        return;
      }
      if (m.kind !== 'started') {
        reject(new Error(`the reference target's thread said '${m.kind}' before it started`));
        return;
      }
      // An error in the thread after the start would otherwise be unhandled: the requests it fails say so.
      worker.on('error', (err) => process.emitWarning(`reference target thread: ${err.message}`));
      const fixtures = m.fixtures;
      resolve({
        url: m.url,
        bases: m.bases,
        faults: m.faults,
        liberties: m.liberties,
        fixtures: () => fixtures,
        // A thread that has already ended (it crashed mid-run) has nothing left to close.
        close: () => (exited ? Promise.resolve() : closeThread(worker)),
      });
    });
  });
}

function closeThread(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    worker.once('exit', done);
    worker.on('message', (m: ThreadMessage) => {
      if (m.kind === 'closed') void worker.terminate().then(done, done);
    });
    worker.postMessage('close');
  });
}
