import * as assert from 'node:assert/strict';
import { parseJsonArrayInSlices } from '../../../../src/core/util/jsonArraySlices';

const same = async (text: string): Promise<void> => assert.deepEqual(await parseJsonArrayInSlices(text, (v) => v), JSON.parse(text));
const sameError = async (text: string): Promise<void> => {
  const expected = (() => {
    try {
      JSON.parse(text);
      return new TypeError('expected a JSON array');
    } catch (error) {
      return error as Error;
    }
  })();
  await assert.rejects(parseJsonArrayInSlices(text, (v) => v), { name: expected.name });
};

describe('parseJsonArrayInSlices (a large Engine list parsed without blocking the event loop)', () => {
  it('gives what JSON.parse gives, for brackets, commas, quotes and escapes inside strings', async () => {
    await same('[]');
    await same(' [ ] ');
    await same('[1]');
    await same('[{"a":"x,]}[{","b":[1,[2,{"c":"\\"],"}]]},"\\\\",null,true,-1.5e3,"é\\u00e9"]\n');
    await same(JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ Id: `c${i}`, Names: [`/n${i}`], Labels: { 'a,b': '}]' } }))));
  });

  it('maps each element', async () => {
    assert.deepEqual(await parseJsonArrayInSlices('[1,2,3]', (v) => (v as number) * 2), [2, 4, 6]);
  });

  it('fails as JSON.parse fails on malformed or non-array input', async () => {
    for (const text of ['', '[', '[1,]', '[,1]', '[1 2]', '[{]}', '[1]]', '[1] x', '[{"a":1}', '{"a":1}', '"x"', 'null']) {
      await sameError(text);
    }
  });

  it('lets other work run while it parses a large list', async () => {
    const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ Id: `${i}`.padStart(64, '0'), Command: 'sleep 3600 '.repeat(20), Labels: { x: 'y' } })));
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const parsed = await parseJsonArrayInSlices(text, (v) => v);
    assert.equal(parsed.length, 20_000);
    assert.equal(ranMeanwhile, true);
  });
});
