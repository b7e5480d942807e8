import { selectScenarios } from '../runner/run.ts';
import { loadInputs, type Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';

export function listCommand(opts: { target?: string; targets?: string; suite?: string; grep?: string; tags?: string[] }, io: Io): number {
  const { workspace, target } = loadInputs(opts);
  const selection = selectScenarios(workspace, target, opts.grep, opts.tags);
  let n = 0;
  for (const { suite, scenarios } of selection.suites) {
    for (const sc of scenarios) {
      io.out(`${sc.id}\t${sc.level}\t${suite.pack}\t${sc.title}`);
      n++;
    }
  }
  io.err(`${n} scenarios for target ${target.name}`);
  return EXIT.ok;
}
