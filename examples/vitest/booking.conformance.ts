// A supplier's test file: every scenario the target's packs select becomes one vitest test.
// In your project: npm install -D booking-conformance vitest, then `npx vitest run`.
import { conformanceTests } from 'booking-conformance/vitest';

conformanceTests({
  // Your targets file and target; here the tool's own, whose default is the embedded reference target.
  ...(process.env['BC_TARGETS'] ? { targets: process.env['BC_TARGETS'] } : {}),
  // Which scenarios: a grep on ids and titles, or tags; all of them when left out.
  grep: process.env['BC_GREP'] ?? 'GPC-SESSION',
  // An embedded target only: simulate a provider mistake, to see a failure reported.
  faults: process.env['BC_FAULT'] ? [process.env['BC_FAULT']] : [],
});
