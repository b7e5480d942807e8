// The runner speaks only through these events; reporters subscribe and never reach in.

import { EventEmitter } from 'node:events';
import type { RunSummary, ScenarioResult, StepResult } from '../model/result.ts';
import type { Scenario, Suite } from '../model/suite.ts';
import type { ShardInfo } from './shard.ts';

export interface RunInfo {
  target: string;
  targetDescription?: string;
  seed: number;
  startedAt: string;
  clock: string;
  packs: Record<string, string>;
  faults: string[];
  liberties: string[];
  /** Scenarios this run will report (this shard's, under --shard). */
  scenarioCount: number;
  /** --shard i/n, with the whole selection it was cut from. */
  shard?: ShardInfo;
}

export interface RunEventMap {
  'run:start': [RunInfo];
  'suite:start': [Suite];
  'scenario:start': [Scenario, Suite];
  'step:end': [StepResult, Scenario];
  'scenario:end': [ScenarioResult, Suite];
  'suite:end': [Suite, ScenarioResult[]];
  'run:end': [RunSummary, ScenarioResult[]];
}

export class RunEvents extends EventEmitter<RunEventMap> {}
