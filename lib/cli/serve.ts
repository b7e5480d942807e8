import { referenceCatalogue, serveReference } from '../targets/reference.ts';
import type { Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';

export interface ServeOptions {
  port: number;
  fault: string[];
  listFaults: boolean;
  liberty: string[];
  listLiberties: boolean;
  seed: number;
  pasWindowMs: number;
}

export async function serveCommand(opts: ServeOptions, io: Io): Promise<number> {
  if (opts.listFaults) {
    for (const f of referenceCatalogue().faults) io.out(f.name);
    return EXIT.ok;
  }
  if (opts.listLiberties) {
    for (const l of referenceCatalogue().liberties) io.out(l.name);
    return EXIT.ok;
  }
  const ref = await serveReference({ port: opts.port, faults: opts.fault, liberties: opts.liberty, seed: opts.seed, options: { ersPasWindowMs: opts.pasWindowMs } });
  io.out(`reference target listening on ${ref.url} (seed ${opts.seed}${opts.fault.length ? `, faults: ${opts.fault.join(', ')}` : ''}${opts.liberty.length ? `, liberties: ${opts.liberty.join(', ')}` : ''})`);
  for (const [pack, base] of Object.entries(ref.bases)) io.out(`  ${pack}: ${base}`);
  await new Promise<void>((done) => {
    const stop = () => void ref.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
