// The room page's first-load JavaScript stays within its budget (issues 8 and
// 14): heavy features (effects, recording, the peer-message parser) load with
// import() when used. Measured from the production build the other browser
// tests run against, the same way `npm run bench -- bundle` reports it.
import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_KB, measureBundle } from '../../bench/bundle';

describe('room page first-load JS', () => {
  it(`is at most ${BUNDLE_BUDGET_KB} KB gzip`, () => {
    const result = measureBundle();
    const kb = result.totalGzip / 1024;
    console.log(
      `[bundle] first load ${kb.toFixed(1)} KB gzip over ${result.files.length} chunks (budget ${BUNDLE_BUDGET_KB})`,
    );
    expect(result.files.length).toBeGreaterThan(0);
    expect(kb).toBeLessThanOrEqual(BUNDLE_BUDGET_KB);
  });
});
