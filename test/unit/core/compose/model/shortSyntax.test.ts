// The short syntaxes one by one: what each becomes, and the message for what is not one.
import * as assert from 'node:assert/strict';
import { parsePortEntry } from '../../../../../src/core/compose/model/ports';
import { parseServiceVolume } from '../../../../../src/core/compose/model/serviceVolumes';
import { splitShellWords } from '../../../../../src/core/util/shellWords';
import { parseBytes, parseDuration } from '../../../../../src/core/compose/model/units';

const base = { workingDir: '/project', home: '/home/ada' };

describe('compose short syntaxes', () => {
  it('ports: what is not a mapping says why', () => {
    assert.throws(() => parsePortEntry('80:80:80:80'), /not a port mapping/);
    assert.throws(() => parsePortEntry('http'), /http is not a port or range/);
    assert.throws(() => parsePortEntry('70000'), /70000 is not a port number/);
    assert.throws(() => parsePortEntry('81-80'), /ends before it starts/);
    assert.throws(() => parsePortEntry('8000-8002:80-81'), /differ in length/);
    assert.throws(() => parsePortEntry('80/icmp'), /icmp is not a protocol/);
  });

  it('ports: a host range for one container port is kept as the range (the engine picks within it); IP with an empty host port', () => {
    assert.deepEqual(parsePortEntry('8000-8010:80'), [{ target: 80, published: '8000-8010', protocol: 'tcp', mode: 'ingress' }]);
    assert.deepEqual(parsePortEntry('127.0.0.1::80'), [{ target: 80, host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }]);
  });

  it('volumes: a relative container path, an unknown mode and empty parts are refused', () => {
    assert.throws(() => parseServiceVolume('data:relative', base), /container path relative is not absolute/);
    assert.throws(() => parseServiceVolume('data:/data:rx', base), /rx is not a volume mode/);
    assert.throws(() => parseServiceVolume('::/x', base), /not a volume/);
    assert.throws(() => parseServiceVolume({ type: 'bind', target: '/x' }, base), /has no source/);
  });

  it('volumes: ~ alone and a relative long-syntax bind are resolved', () => {
    assert.equal(parseServiceVolume('~:/home', base).source, '/home/ada');
    assert.equal(parseServiceVolume({ type: 'bind', source: 'conf', target: '/etc/app' }, base).source, '/project/conf');
  });

  it('durations: Go syntax only', () => {
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('2h45m'), (2 * 3600 + 45 * 60) * 1e9);
    assert.equal(parseDuration('300us'), 300_000);
    assert.equal(parseDuration('10'), undefined);
    assert.equal(parseDuration('1x'), undefined);
    assert.equal(parseDuration(''), undefined);
  });

  it('sizes: units are powers of 1024, with or without b', () => {
    assert.equal(parseBytes('1024'), 1024);
    assert.equal(parseBytes('1k'), 1024);
    assert.equal(parseBytes('2MB'), 2 * 1024 ** 2);
    assert.equal(parseBytes('1.5g'), 1.5 * 1024 ** 3);
    assert.equal(parseBytes(4096), 4096);
    assert.equal(parseBytes('lots'), undefined);
  });

  it('shell words: quotes, escapes, empty words; an unclosed quote is an error', () => {
    assert.deepEqual(splitShellWords(`a "b c" 'd e' f\\ g "" "x\\"y" ''`), ['a', 'b c', 'd e', 'f g', '', 'x"y', '']);
    assert.deepEqual(splitShellWords('  '), []);
    assert.deepEqual(splitShellWords(`pre"mid"'post'`), ['premidpost']);
    assert.throws(() => splitShellWords('echo "open'), /double quote is not closed/);
    assert.throws(() => splitShellWords("echo 'open"), /single quote is not closed/);
  });
});
