import * as assert from 'node:assert/strict';
import { isBoolean, isOneOf, isScriptOptions, isString, readOptions, scripted } from '../../../../src/extension/commands/scriptOptions';

describe('script options (the one shape scripts and tests pass arguments in)', () => {
  it('is recognised by its programmatic brand only, never from what menus pass', () => {
    assert.ok(isScriptOptions(scripted({ tag: 'a:1' })));
    assert.ok(isScriptOptions({ programmatic: true, machine: 'local' }));
    assert.ok(!isScriptOptions({ tag: 'a:1' }), 'an unbranded object');
    assert.ok(!isScriptOptions([{ programmatic: true }]), 'a selection array');
    assert.ok(!isScriptOptions('a:1'), 'a positional string');
    assert.ok(!isScriptOptions({ groupId: 1 }), "an editor title menu's context");
    assert.ok(!isScriptOptions({ programmatic: true, machine: 3 }), 'a machine that is not an id');
  });

  it('reads declared fields with their types and refuses unknown or ill-typed ones', () => {
    const schema = { tag: isString, confirmed: isBoolean, scope: isOneOf('dangling', 'unused') };
    assert.deepEqual(readOptions(scripted({ tag: 'a:1', confirmed: true, scope: 'unused' }), schema), { tag: 'a:1', confirmed: true, scope: 'unused' });
    assert.deepEqual(readOptions(undefined, schema), {});
    assert.deepEqual(readOptions(scripted({ machine: 'm1' }), schema), {}, 'machine is common to all commands');
    assert.throws(() => readOptions(scripted({ tags: 'a:1' }), schema), /Unknown option "tags"/);
    assert.throws(() => readOptions(scripted({ confirmed: 'yes' }), schema), /"confirmed" has the wrong type/);
    assert.throws(() => readOptions(scripted({ scope: 'all' }), schema), /"scope" has the wrong type/);
  });
});
