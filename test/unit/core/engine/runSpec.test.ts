import * as assert from 'node:assert/strict';
import { parsePort, toCreateOptions } from '../../../../src/core/engine/operations/runSpec';
import { splitShellWords } from '../../../../src/core/util/shellWords';

describe('RunSpec → Engine API create options (what docker run would send)', () => {
  it('parses port specs as docker run -p does', () => {
    assert.deepEqual(parsePort('8080:80'), { key: '80/tcp', binding: { HostPort: '8080' } });
    assert.deepEqual(parsePort('127.0.0.1:53:53/udp'), { key: '53/udp', binding: { HostPort: '53', HostIp: '127.0.0.1' } });
    assert.deepEqual(parsePort('127.0.0.1::80'), { key: '80/tcp', binding: { HostPort: '', HostIp: '127.0.0.1' } });
    assert.deepEqual(parsePort('9000'), { key: '9000/tcp', binding: { HostPort: '' } });
    assert.throws(() => parsePort('80:eighty'), /is not \[ip:\]hostPort:containerPort/);
    assert.throws(() => parsePort('70000:80'), /not between 1 and 65535/);
  });

  it('splits a command line like sh: quotes group, backslash escapes', () => {
    assert.deepEqual(splitShellWords(`sh -c "echo 'a b' \\"c\\""`), ['sh', '-c', `echo 'a b' "c"`]);
    assert.deepEqual(splitShellWords(`  ls   -la\\ x '' `), ['ls', '-la x', '']);
    assert.throws(() => splitShellWords('echo "open'), /double quote is not closed/);
  });

  it('builds the create body with env, binds, restart policy, network and a TTY for interactive runs', () => {
    const body = toCreateOptions({ image: 'app', name: 'web', ports: ['8080:80', '8443:443'], env: ['A=1'], volumes: ['data:/data:ro'], network: 'back', command: 'serve --port 80', restart: 'on-failure', autoRemove: true, interactive: true }) as Record<string, unknown> & { HostConfig: Record<string, unknown> };
    assert.deepEqual(body.Cmd, ['serve', '--port', '80']);
    assert.deepEqual(body.ExposedPorts, { '80/tcp': {}, '443/tcp': {} });
    assert.deepEqual(body.HostConfig.PortBindings, { '80/tcp': [{ HostPort: '8080' }], '443/tcp': [{ HostPort: '8443' }] });
    assert.deepEqual(body.HostConfig.Binds, ['data:/data:ro']);
    assert.deepEqual(body.HostConfig.RestartPolicy, { Name: 'on-failure' });
    assert.equal(body.HostConfig.NetworkMode, 'back');
    assert.equal(body.HostConfig.AutoRemove, true);
    assert.equal(body.Tty, true);
    assert.equal(body.OpenStdin, true);
  });

  it('names the malformed value', () => {
    assert.throws(() => toCreateOptions({ image: 'x', env: ['NOVALUE'] }), /"NOVALUE" is not NAME=value/);
    assert.throws(() => toCreateOptions({ image: 'x', volumes: ['data'] }), /"data" is not volume:\/path/);
    assert.throws(() => toCreateOptions({ image: 'x', volumes: ['data:relative'] }), /is not volume/);
  });
});
