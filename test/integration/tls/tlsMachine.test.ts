// A TLS machine against a real remote engine: host B (scripts/test-hosts.sh) is a second,
// independent dockerd in its own network namespace that only speaks mutual TLS on
// 10.77.0.2:2376. These tests prove that EngineClient reaches it with the right CA and client
// certificate, that a wrong CA or a missing client certificate is refused, and that
// `verify: false` gets past the CA check only when a machine asks for it.
import * as assert from 'node:assert/strict';
import Docker from 'dockerode';
import { TlsFiles } from '../../../src/core/engine/endpoint';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { describeEngineError } from '../../../src/core/util/errors';
import { cleanUp, createContainer, newRunId } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';

const REQUEST_TIMEOUT_MS = 10_000;

function tlsMachine(tls: TlsFiles): EngineClient {
  return new EngineClient({ kind: 'tcp', host: HOSTB.address, port: HOSTB.engine.tlsPort, tls }, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
}

const CLIENT_CERT = { certPath: HOSTB.tls.certPath, keyPath: HOSTB.tls.keyPath };

/** What Node reports when the engine rejects the handshake for want of a (valid) client certificate. */
const CLIENT_CERT_REFUSED = ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'];

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown }).code;
}

describe('TLS machine against host B (mutual TLS on 10.77.0.2:2376)', () => {
  const runId = newRunId();
  const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
  const local = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
  const name = `dh-tls-${runId}`;
  let containerId = '';

  before(async () => {
    await ensureTestHosts();
    // Made through host B's own unix socket, so the TLS client below has no part in it.
    const container = await createContainer(hostB, runId, name);
    containerId = container.id;
    await container.start();
  });

  after(async () => {
    if (containerId !== '') {
      await cleanUp(hostB, runId);
    }
  });

  it('lists host B\'s containers with the right CA and client certificate; a container made there is not on the local engine', async () => {
    const machine = tlsMachine({ caPath: HOSTB.tls.caPath, ...CLIENT_CERT, verify: true });

    const onHostB = (await machine.listContainers()).find((c) => c.id === containerId);
    assert.ok(onHostB, 'the container made on host B is listed over TLS');
    assert.equal(onHostB.name, name);
    assert.equal(onHostB.state, 'running');

    const onLocal = (await local.listContainers()).find((c) => c.id === containerId || c.name === name);
    assert.equal(onLocal, undefined, 'the local engine does not have it');

    const [remoteInfo, localInfo] = await Promise.all([machine.call<{ ID: string; Name: string }>((d) => d.info()), local.call<{ ID: string; Name: string }>((d) => d.info())]);
    assert.notEqual(remoteInfo.ID, localInfo.ID, 'two engines with identities of their own');
    assert.equal(remoteInfo.Name, 'hostb');
  });

  it('refuses a machine whose CA did not sign the engine\'s certificate, and the message points at the CA file', async () => {
    const machine = tlsMachine({ caPath: HOSTB.tls.wrongCaPath, ...CLIENT_CERT, verify: true });
    await assert.rejects(machine.listContainers(), (error: unknown) => {
      assert.equal(codeOf(error), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      const sentence = describeEngineError(error, machine.address, REQUEST_TIMEOUT_MS);
      assert.ok(sentence.includes(machine.address), sentence);
      assert.match(sentence, /\bCA\b/, 'the sentence points at the CA');
      return true;
    });
  });

  it('is refused by the engine when the client presents no certificate', async () => {
    // The right CA, so the client trusts the engine; it is the engine that says no.
    const machine = tlsMachine({ caPath: HOSTB.tls.caPath, verify: true });
    await assert.rejects(machine.listContainers(), (error: unknown) => {
      assert.ok(CLIENT_CERT_REFUSED.includes(String(codeOf(error))), `a TLS alert from the engine, got ${String(codeOf(error))}: ${String(error)}`);
      assert.match(describeEngineError(error, machine.address), /refused the client certificate: check the machine's certificate and key files/);
      return true;
    });
  });

  it('connects with verify: false despite the wrong CA (the explicit opt-out is honoured)', async () => {
    const machine = tlsMachine({ caPath: HOSTB.tls.wrongCaPath, ...CLIENT_CERT, verify: false });
    const onHostB = (await machine.listContainers()).find((c) => c.id === containerId);
    assert.ok(onHostB, 'listed although the CA file does not match');
  });

  it('with verify: false still needs a client certificate: opting out relaxes only the check of the engine', async () => {
    const machine = tlsMachine({ caPath: HOSTB.tls.wrongCaPath, verify: false });
    await assert.rejects(machine.listContainers(), (error: unknown) => {
      assert.ok(CLIENT_CERT_REFUSED.includes(String(codeOf(error))), `a TLS alert from the engine, got ${String(codeOf(error))}: ${String(error)}`);
      return true;
    });
  });
});
