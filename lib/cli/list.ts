import { selectScenarios } from '../runner/select.ts';
import { formatShard, type Shard } from '../runner/shard.ts';
import { openInputs } from '../session/session.ts';
import type { Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';
import { filterOf } from '../runner/select.ts';

export function listCommand(opts: { target?: string; targets?: string; suite?: string; suites?: string[]; grep?: string; tags?: string[]; shard?: Shard }, io: Io): number {
  const { workspace, target } = openInputs(opts);
  const selection = selectScenarios(workspace, target, filterOf(opts));
  let n = 0;
  for (const { suite, scenarios } of selection.suites) {
    for (const sc of scenarios) {
      io.out(`${sc.id}\t${sc.level}\t${suite.pack}\t${sc.title}`);
      n++;
    }
  }
  const shard = selection.shard ? ` (shard ${formatShard(selection.shard)} of ${selection.shard.selection.length})` : '';
  io.err(`${n} scenarios${shard} for target ${target.name}`);
  return EXIT.ok;
}
