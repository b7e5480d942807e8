import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import { parseShard, ShardSyntaxError, type Shard } from '../runner/shard.ts';

// Every command's module is imported inside its action: `--help`, `--version` and a usage error
// load commander and nothing else, and a command loads only what it needs (start-up time).

/** The version in package.json: what a report and a bug report should name. */
function toolVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];
const SHARD_HELP = 'run only shard i of n of the selected scenarios (same split on every machine), e.g. 2/4';

function shard(value: string): Shard {
  try {
    return parseShard(value);
  } catch (err) {
    if (err instanceof ShardSyntaxError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}
const csv = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

export async function main(argv: string[], io: Io = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('booking-conformance')
    .description('FHIR conformance suites for appointment-booking endpoints')
    .version(toolVersion(), '-V, --version', 'print the tool version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError();

  program
    .command('run')
    .description('run every suite that applies to a target; writes junit.xml and results.json')
    .option('--target <name>', 'target in the targets file (default: its default)')
    .option('--targets <file>', 'targets file', undefined)
    .option('--suite <glob>', 'only suite files matching this glob (e.g. "suites/gpconnect-1.2/*book*")')
    .option('--suites <dir>', 'also load the packs in this folder (a pack folder, or a folder of pack folders; repeatable)', collect, [])
    .option('--grep <text>', 'only scenarios whose id or title contains this text')
    .option('--tags <t,...>', 'only scenarios with one of these tags', csv)
    .option('--out <dir>', 'report folder', 'reports')
    .option('--seed <n>', 'seed for generated data (printed and recorded)', integer('--seed', 0), 1)
    .option('--concurrency <n>', "scenarios in flight at once (default: the target's concurrency in targets.yaml, else 4)", integer('--concurrency', 1))
    .option('--bail', 'stop after the first failed or errored scenario', false)
    .option('--shard <i/n>', SHARD_HELP, shard)
    .option('--deadline <seconds>', 'whole-run limit: then scenarios not started are skipped, requests in flight aborted', integer('--deadline', 1))
    .option('--fault <name>', 'embedded target only: run it with this fault (repeatable)', collect, [])
    .option('--liberty <name>', 'embedded target only: run it taking this freedom the spec allows (repeatable)', collect, [])
    .option('--verbose', 'print the reason under every scenario', false)
    .option('--allow-empty', 'exit 0 even when nothing was judged (no scenario selected, every writing one skipped)', false)
    .option('--strict', 'a SHOULD warning fails the run (exit 1) and is a <failure> in junit.xml', false)
    .addOption(new Option('--junit-exchanges <which>', 'testcases whose HTTP exchange junit.xml carries').choices(['failures', 'all']).default('failures'))
    .option('--evidence <dir>', 'also write an evidence pack into this new or empty folder: the reports, every exchange, the CapabilityStatements, the suite files, the tool version, manifest.json')
    .action(async (opts) => {
      const { runCommand } = await import('./run.ts');
      code = await runCommand(opts, io);
    });

  program
    .command('serve')
    .description('run the reference target on its own (127.0.0.1)')
    .option('--port <n>', 'port', integer('--port', 0), 8080)
    .option('--fault <name>', 'simulate this provider mistake (repeatable)', collect, [])
    .option('--list-faults', 'print every fault name and exit', false)
    .option('--liberty <name>', 'take this freedom the spec gives a conformant provider (repeatable)', collect, [])
    .option('--list-liberties', 'print every liberty name and exit', false)
    .option('--seed <n>', 'seed of the booking world', integer('--seed', 0), 1)
    .addOption(new Option('--pas-window-ms <n>', "e-RS: how long booking waits for the provider's PAS (the spec says 2 minutes)").argParser(integer('--pas-window-ms', 1)).default(1000))
    .action(async (opts) => {
      const { serveCommand } = await import('./serve.ts');
      code = await serveCommand(opts, io);
    });

  program
    .command('lint')
    .description('validate suite files and the targets file; sends nothing')
    .argument('[paths...]', 'suite files or folders (default: all)')
    .option('--targets <file>', 'targets file')
    .option('--suites <dir>', 'also load the packs in this folder (a pack folder, or a folder of pack folders; repeatable)', collect, [])
    .action(async (paths: string[], opts) => {
      const { lintCommand } = await import('./lint.ts');
      code = await lintCommand({ paths, ...opts }, io);
    });

  program
    .command('init')
    .description('scaffold your own pack (pack.yaml, a suite, a fixture) and a targets file that runs it against the embedded reference target')
    .argument('<dir>', 'a new or empty folder')
    .option('--pack <id>', 'the new pack id', 'my-pack')
    .action(async (dir: string, opts: { pack: string }) => {
      const { initCommand } = await import('./init.ts');
      code = initCommand({ dir, pack: opts.pack }, io);
    });

  program
    .command('list')
    .description('the scenarios that would run: id, level, spec pack, title')
    .option('--target <name>', 'target')
    .option('--targets <file>', 'targets file')
    .option('--suite <glob>', 'only suite files matching this glob')
    .option('--suites <dir>', 'also load the packs in this folder (a pack folder, or a folder of pack folders; repeatable)', collect, [])
    .option('--grep <text>', 'only scenarios whose id or title contains this text')
    .option('--tags <t,...>', 'only scenarios with one of these tags', csv)
    .option('--shard <i/n>', SHARD_HELP, shard)
    .action(async (opts) => {
      const { listCommand } = await import('./list.ts');
      code = listCommand(opts, io);
    });

  program
    .command('merge')
    .description("combine the reports of a run's shards into one results.json and junit.xml; exits as the run would have")
    .argument('<inputs...>', 'report folders (a run\'s --out) or their results.json files')
    .requiredOption('--out <dir>', 'folder for the merged junit.xml and results.json')
    .action(async (inputs: string[], opts: { out: string }) => {
      const { mergeCommand } = await import('./merge.ts');
      code = mergeCommand({ out: opts.out, inputs }, io);
    });

  program
    .command('diff')
    .description('compare two runs (results.json, report folders or evidence packs): new failures, fixes, added, removed; exit 1 on a new failure')
    .argument('<old>', 'the baseline: a report folder, an evidence pack or a results.json')
    .argument('<new>', 'the run to judge against it')
    .option('--json', 'print the comparison as one JSON document', false)
    .option('--fail-on-removed', 'a scenario the baseline had and the new run lacks also exits 1', false)
    .action(async (old: string, now: string, opts: { json: boolean; failOnRemoved: boolean }) => {
      const { diffCommand } = await import('./diff.ts');
      code = diffCommand({ old, new: now, ...opts }, io);
    });

  program
    .command('verify')
    .description("check an evidence pack against its manifest.json: exit 1 naming every file added, removed or changed")
    .argument('<dir>', 'the folder run --evidence wrote')
    .action(async (dir: string) => {
      const { verifyCommand } = await import('./verify.ts');
      code = verifyCommand({ dir }, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      const clean = ['commander.helpDisplayed', 'commander.help', 'commander.version', 'commander.executeSubCommandAsync'];
      return clean.includes(err.code) || err.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    // Only a command's action throws these, so its modules (commands.ts among them) are loaded already.
    const { reportInputErrors } = await import('./commands.ts');
    if (reportInputErrors(err, io)) return EXIT.input;
    // A tool fault is never a usage error: exit codes 2 and 5 tell "your input" from "our bug".
    io.err(`internal error: ${(err as Error).stack ?? String(err)}`);
    return EXIT.internal;
  }
}
