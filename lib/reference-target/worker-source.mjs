// The worker's entry when the project runs from its TypeScript sources (BC_DEV=1, tests, a stale
// build): a worker thread does not inherit tsx from its parent, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
