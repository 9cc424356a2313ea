import * as assert from 'node:assert/strict';
import { requestTimeoutMs } from '../../../../src/core/util/requestTimeout';

describe('requestTimeoutMs (dockerHosts.requestTimeoutSeconds, clamped at run time)', () => {
  it('keeps a value inside 1..300 s, in milliseconds', () => {
    assert.equal(requestTimeoutMs(8), 8_000);
    assert.equal(requestTimeoutMs(2.5), 2_500);
    assert.equal(requestTimeoutMs(300), 300_000);
  });

  it('raises 0 and negative values to 1 s, so machines are not all unreachable at once', () => {
    assert.equal(requestTimeoutMs(0), 1_000);
    assert.equal(requestTimeoutMs(-5), 1_000);
  });

  it('lowers huge values to 300 s, which AbortSignal.timeout accepts', () => {
    for (const huge of [1e12, Number.MAX_VALUE]) {
      const ms = requestTimeoutMs(huge);
      assert.equal(ms, 300_000);
      assert.doesNotThrow(() => AbortSignal.timeout(ms));
    }
  });

  it('takes the default 8 s for NaN, infinities and values that are not numbers', () => {
    for (const odd of [NaN, Infinity, -Infinity, '30', null, undefined, {}]) {
      assert.equal(requestTimeoutMs(odd), 8_000, String(odd));
    }
  });
});
