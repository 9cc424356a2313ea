import * as assert from 'node:assert/strict';
import { machineEnvironment, toShellExports } from '../../../../src/core/machines/machineEnvironment';

describe('machineEnvironment (what docker-machine env printed, for one terminal)', () => {
  it('points DOCKER_HOST at a unix socket', () => {
    assert.deepEqual(machineEnvironment({ kind: 'unix', socketPath: '/run/docker.sock' }).variables, { DOCKER_HOST: 'unix:///run/docker.sock' });
  });

  it('sets DOCKER_TLS_VERIFY and DOCKER_CERT_PATH when the certificates have the CLI layout', () => {
    const env = machineEnvironment({ kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { verify: true, caPath: '/c/ca.pem', certPath: '/c/cert.pem', keyPath: '/c/key.pem' } });
    assert.deepEqual(env.variables, { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' });
    assert.deepEqual(env.warnings, []);
  });

  it('warns instead of pointing the CLI at files it would not find', () => {
    const env = machineEnvironment({ kind: 'tcp', host: 'h', port: 2376, tls: { verify: true, caPath: '/a/my-ca.crt', certPath: '/a/me.crt', keyPath: '/a/me.key' } });
    assert.equal(env.variables.DOCKER_CERT_PATH, undefined);
    assert.match(env.warnings[0] ?? '', /expects ca\.pem, cert\.pem and key\.pem/);
  });

  it('keeps an explicit opt-out of verification visible as DOCKER_TLS, not DOCKER_TLS_VERIFY', () => {
    const env = machineEnvironment({ kind: 'tcp', host: '::1', port: 2376, tls: { verify: false } });
    assert.deepEqual(env.variables, { DOCKER_HOST: 'tcp://[::1]:2376', DOCKER_TLS: '1' });
  });

  it('quotes values for a POSIX shell', () => {
    assert.equal(toShellExports({ DOCKER_HOST: "unix:///tmp/it's.sock" }), "export DOCKER_HOST='unix:///tmp/it'\\''s.sock'");
  });
});

describe('machineEnvironment for SSH machines', () => {
  it('gives the docker CLI an ssh:// DOCKER_HOST, and says when the socket path cannot follow', () => {
    assert.deepEqual(machineEnvironment({ kind: 'ssh', host: 'h', user: 'me', port: 2222, remoteSocketPath: '/var/run/docker.sock' }), { variables: { DOCKER_HOST: 'ssh://me@h:2222' }, warnings: [] });
    assert.match(machineEnvironment({ kind: 'ssh', host: 'h', remoteSocketPath: '/run/other.sock' }).warnings[0] ?? '', /not \/run\/other\.sock/);
  });
});
