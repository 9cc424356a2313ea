import * as assert from 'node:assert/strict';
import { describeEndpoint, parseDockerHost } from '../../../../src/core/engine/endpoint';
import { dialStdioCommand } from '../../../../src/core/ssh/sshChannels';
import { describeSshError, SshError, toSshError } from '../../../../src/core/ssh/sshErrors';
import { describeEngineError } from '../../../../src/core/util/errors';

describe('ssh:// endpoints and SSH error wording', () => {
  it('parses ssh:// URLs as the docker CLI takes them, leaving unset parts to ~/.ssh/config', () => {
    assert.deepEqual(parseDockerHost('ssh://root@127.0.0.1:2222'), { kind: 'ssh', host: '127.0.0.1', port: 2222, user: 'root', remoteSocketPath: '/var/run/docker.sock' });
    assert.deepEqual(parseDockerHost('ssh://myalias'), { kind: 'ssh', host: 'myalias', remoteSocketPath: '/var/run/docker.sock' });
    assert.deepEqual(parseDockerHost('ssh://me@[::1]/run/user/1000/docker.sock'), { kind: 'ssh', host: '::1', user: 'me', remoteSocketPath: '/run/user/1000/docker.sock' });
  });

  it('describes ssh endpoints the way they were written', () => {
    assert.equal(describeEndpoint({ kind: 'ssh', host: 'h', port: 2222, user: 'root', remoteSocketPath: '/var/run/docker.sock' }), 'ssh://root@h:2222');
    assert.equal(describeEndpoint({ kind: 'ssh', host: '::1', remoteSocketPath: '/run/docker.sock' }), 'ssh://[::1]/run/docker.sock');
  });

  it('runs dial-stdio against the configured socket, shell-quoted', () => {
    assert.equal(dialStdioCommand('/var/run/docker.sock'), 'docker system dial-stdio');
    assert.equal(dialStdioCommand("/run/it's.sock"), `docker -H 'unix:///run/it'\\''s.sock' system dial-stdio`);
  });

  const address = { user: 'root', hostName: '10.0.0.5', port: 2222 };

  it('says what to do for the usual SSH failures', () => {
    assert.match(describeSshError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), address), /refused — is sshd running there and listening on port 2222\?/);
    assert.match(describeSshError(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), { ...address, hostName: 'nope' }), /"nope" could not be resolved — check the name/);
    assert.match(describeSshError(Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }), address, 15_000), /did not complete the handshake within 15 s/);
    assert.match(describeSshError(Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), address), /login as root to 10\.0\.0\.5:2222 was refused — add your public key/);
  });

  it('keeps its own sentence when the engine layer describes it (no "is the engine running?")', () => {
    const error = toSshError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), address);
    assert.ok(error instanceof SshError);
    assert.equal(error.failure, 'refused');
    assert.equal(describeEngineError(error, 'ssh://root@10.0.0.5:2222'), error.message);
  });
});
