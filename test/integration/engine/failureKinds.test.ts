// The kind of a machine's failure, as the session reports it, against real engines: host B's
// mutual TLS refused for each reason it can be, a socket that is not there, an engine that never
// answers. The tree decides what to show and offer from these kinds, never from the sentence.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { EngineEndpoint, TlsFiles } from '../../../src/core/engine/endpoint';
import { MachineSession } from '../../../src/core/engine/machineSession';
import { FailureKind } from '../../../src/core/util/failureKind';
import { hangingSocket } from '../../support/hangingSocket';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';

const CLIENT_CERT = { certPath: HOSTB.tls.certPath, keyPath: HOSTB.tls.keyPath };

async function failureOf(endpoint: EngineEndpoint): Promise<{ kind: FailureKind | undefined; state: string }> {
  const session = new MachineSession({ name: 'kinds', endpoint }, { requestTimeoutMs: 2_000, log: () => undefined });
  try {
    await session.connect();
    return { kind: session.failure, state: session.state };
  } finally {
    session.dispose();
  }
}

const hostB = (tls: TlsFiles, host: string = HOSTB.address, port: number = HOSTB.engine.tlsPort): EngineEndpoint => ({ kind: 'tcp', host, port, tls });

/** A plain TCP relay on localhost to host B's TLS port: reached as "localhost", a name its certificate lacks. */
async function relayToHostB(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((client) => {
    const upstream = net.connect(HOSTB.engine.tlsPort, HOSTB.address);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Failure kinds of a machine session against real engines', () => {
  before(() => ensureTestHosts());

  it('reaches host B with the right CA and client certificate: running, no failure', async () => {
    assert.deepEqual(await failureOf(hostB({ caPath: HOSTB.tls.caPath, ...CLIENT_CERT, verify: true })), { kind: undefined, state: 'running' });
  });

  it('a certificate that does not name the address is certificate-mismatch (what Regenerate Certificates fixes)', async () => {
    const relay = await relayToHostB();
    try {
      assert.deepEqual(await failureOf(hostB({ caPath: HOSTB.tls.caPath, ...CLIENT_CERT, verify: true }, 'localhost', relay.port)), { kind: 'certificate-mismatch', state: 'unreachable' });
    } finally {
      await relay.close();
    }
  });

  it('an engine certificate from another CA is tls-untrusted; no client certificate is client-certificate-refused', async () => {
    assert.equal((await failureOf(hostB({ caPath: HOSTB.tls.wrongCaPath, ...CLIENT_CERT, verify: true }))).kind, 'tls-untrusted');
    assert.equal((await failureOf(hostB({ caPath: HOSTB.tls.caPath, verify: true }))).kind, 'client-certificate-refused');
  });

  it('a socket that is not there is no-socket; an engine that never answers is timeout', async () => {
    assert.equal((await failureOf({ kind: 'unix', socketPath: '/nonexistent/docker.sock' })).kind, 'no-socket');
    const hang = await hangingSocket();
    try {
      assert.equal((await failureOf({ kind: 'unix', socketPath: hang.socketPath })).kind, 'timeout');
    } finally {
      await hang.close();
    }
  });
});
