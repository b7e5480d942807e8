// Fresh-process timing: spawn, wait for exit, and keep what the caller needs of the output.
import { spawn } from 'node:child_process';

export interface ProcRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runProcess(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; keepStdout?: boolean } = {}): Promise<ProcRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Read the output as it comes (a full pipe would stall the child), keeping only a tail of long output.
    child.stdout.on('data', (c: Buffer) => (stdout = opts.keepStdout ? stdout + c : (stdout + c).slice(-4000)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median of `rounds` fresh-process runs; fails loudly when a run exits with an unexpected code. */
export async function coldMedian(args: string[], rounds: number, okCodes: number[] = [0]): Promise<{ ms: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const r = await runProcess(args);
    if (!okCodes.includes(r.code ?? -1)) throw new Error(`node ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    all.push(r.ms);
  }
  return { ms: median(all), all };
}
