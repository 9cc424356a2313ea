import * as assert from 'node:assert/strict';
import { keyValueProblem } from '../../../../src/core/engine/operations/volumeOperations';

describe('key=value lists as typed in the Create Network/Volume steps', () => {
  it('accepts empty text, plain pairs and quoted values with spaces', () => {
    assert.equal(keyValueProblem(''), undefined);
    assert.equal(keyValueProblem('type=tmpfs device=tmpfs'), undefined);
    assert.equal(keyValueProblem('"team=data platform" tier='), undefined);
  });

  it('names the item that is not key=value', () => {
    assert.equal(keyValueProblem('type=tmpfs oops'), '"oops" is not key=value');
    assert.equal(keyValueProblem('=value'), '"=value" is not key=value');
  });
});
