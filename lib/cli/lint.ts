import { resolve } from 'node:path';
import { InputErrors, type InputError } from '../diagnostics/input-error.ts';
import { loadWorkspace } from '../loader/workspace.ts';
import { chooseScenarios } from '../session/session.ts';
import { startTarget } from '../targets/embedded.ts';
import { authKindErrors, fhirVersionErrors, readTargetsFile, selectTarget, unknownPackErrors } from '../targets/load.ts';
import type { Target } from '../model/target.ts';
import { printErrors, type Io } from './commands.ts';
import { EXIT } from './exit-codes.ts';
import { PROJECT_ROOT, targetsFilePath } from '../session/paths.ts';

// In lint every ${env:NAME} counts as set: lint checks shape, not this shell's secrets.
const ANY_ENV = new Proxy({}, { get: () => 'lint-placeholder', has: () => true }) as NodeJS.ProcessEnv;

export async function lintCommand(opts: { paths: string[]; targets?: string; suites?: string[] }, io: Io): Promise<number> {
  const errors: InputError[] = [];
  const collect = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof InputErrors) errors.push(...err.errors);
      else throw err;
    }
  };
  const paths = opts.paths.map((p) => resolve(p));
  let tf: ReturnType<typeof readTargetsFile> | undefined;
  collect(() => (tf = readTargetsFile(targetsFilePath(opts.targets), process.cwd())));
  // The user's own packs: the targets file's suites: and --suites.
  const suiteDirs = [...(tf?.suiteDirs ?? []), ...(opts.suites ?? [])];
  let workspace: ReturnType<typeof loadWorkspace> | undefined;
  collect(() => (workspace = loadWorkspace({ root: PROJECT_ROOT, ...(paths.length ? { paths } : {}), ...(suiteDirs.length ? { suiteDirs } : {}) })));
  const targets: Target[] = [];
  if (tf) {
    const file = tf;
    for (const name of file.names) collect(() => targets.push(selectTarget(file, name, ANY_ENV)));
    if (workspace) errors.push(...unknownPackErrors(file, file.names, new Set(workspace.packs.keys())), ...authKindErrors(file, file.names, workspace.packs), ...fhirVersionErrors(file, file.names, workspace.packs));
  }
  for (const target of targets) {
    // An embedded target publishes test data when it starts; a fixturesFrom URL only at run time.
    if (!workspace || Object.values(target.packs).some((p) => p.fixturesFrom)) continue;
    const live = target.embedded ? await startTarget(target) : { target, close: async () => {} };
    try {
      collect(() => chooseScenarios(workspace!, live.target));
    } finally {
      await live.close();
    }
  }
  if (errors.length > 0) {
    printErrors(errors.map((e) => e.message), io);
    io.err(`\n${errors.length} problem${errors.length === 1 ? '' : 's'} found.`);
    return EXIT.input;
  }
  const n = workspace?.suites.reduce((k, s) => k + s.scenarios.length, 0) ?? 0;
  io.out(`ok: ${workspace?.suites.length ?? 0} suite files, ${n} scenarios, targets file valid`);
  return EXIT.ok;
}
