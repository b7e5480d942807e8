import { describe, expect, it } from 'vitest';
import { EXIT, verdictExit } from './exit-codes.ts';

describe('verdictExit', () => {
  it('lets a SHOULD warning pass unless --strict, and ranks a broken rule over an errored check', () => {
    expect(verdictExit({ failed: 0, errored: 0, warned: 2 })).toBe(EXIT.ok);
    expect(verdictExit({ failed: 0, errored: 0, warned: 2 }, true)).toBe(EXIT.failed);
    expect(verdictExit({ failed: 0, errored: 1, warned: 1 }, true)).toBe(EXIT.failed);
    expect(verdictExit({ failed: 0, errored: 1, warned: 1 })).toBe(EXIT.errored);
    expect(verdictExit({ failed: 1, errored: 1 })).toBe(EXIT.failed);
  });
});
