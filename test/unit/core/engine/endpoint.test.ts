import * as assert from 'node:assert/strict';
import { describeEndpoint, parseDockerHost } from '../../../../src/core/engine/endpoint';

describe('parseDockerHost (DOCKER_HOST URLs as the docker CLI reads them)', () => {
  it('reads unix sockets, with the default socket for a bare unix://', () => {
    assert.deepEqual(parseDockerHost('unix:///run/user/1000/docker.sock'), { kind: 'unix', socketPath: '/run/user/1000/docker.sock' });
    assert.deepEqual(parseDockerHost('unix://'), { kind: 'unix', socketPath: '/var/run/docker.sock' });
  });

  it('defaults tcp ports to 2375 plain and 2376 with TLS', () => {
    assert.deepEqual(parseDockerHost('tcp://10.0.0.5'), { kind: 'tcp', host: '10.0.0.5', port: 2375 });
    assert.deepEqual(parseDockerHost('tcp://10.0.0.5', { verify: true }), { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { verify: true } });
    assert.deepEqual(parseDockerHost('tcp://docker.example:1234'), { kind: 'tcp', host: 'docker.example', port: 1234 });
  });

  it('strips the brackets of IPv6 hosts', () => {
    assert.deepEqual(parseDockerHost('tcp://[::1]:2375'), { kind: 'tcp', host: '::1', port: 2375 });
  });

  it('reads ssh:// as an SSH endpoint and reports unknown schemes as unsupported with a reason', () => {
    assert.deepEqual(parseDockerHost('ssh://me@host:2222'), { kind: 'ssh', host: 'host', port: 2222, user: 'me', remoteSocketPath: '/var/run/docker.sock' });
    const junk = parseDockerHost('localhost:2375');
    assert.equal(junk.kind, 'unsupported');
    assert.match(junk.kind === 'unsupported' ? junk.reason : '', /not a Docker host URL/);
  });

  it('describes endpoints for tooltips, saying when TLS is not verified', () => {
    assert.equal(describeEndpoint({ kind: 'tcp', host: 'h', port: 2376, tls: { verify: false } }), 'tcp://h:2376 (TLS, not verified)');
    assert.equal(describeEndpoint({ kind: 'unix', socketPath: '/var/run/docker.sock' }), 'unix:///var/run/docker.sock');
  });
});
