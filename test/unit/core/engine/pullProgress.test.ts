import * as assert from 'node:assert/strict';
import { LayerProgress } from '../../../../src/core/engine/operations/pullProgress';

describe('LayerProgress (per-layer pull/push progress)', () => {
  it('averages layers, counting finished and existing ones whole', () => {
    const progress = new LayerProgress();
    progress.apply({ status: 'Pulling from library/app', id: 'latest' });
    progress.apply({ status: 'Already exists', id: 'a' });
    progress.apply({ status: 'Downloading', id: 'b', progressDetail: { current: 50, total: 100 } });
    assert.equal(progress.fraction, 0.75);
    assert.deepEqual(progress.lines(), ['a: Already exists', 'b: Downloading 50%']);
    progress.apply({ status: 'Pull complete', id: 'b' });
    assert.equal(progress.fraction, 1);
  });

  it('turns an error message in the middle of the stream into a failure', () => {
    const progress = new LayerProgress();
    assert.throws(() => progress.apply({ error: 'x', errorDetail: { message: 'unauthorized: authentication required' } }), /unauthorized/);
  });
});
