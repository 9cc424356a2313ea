import * as assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { pipelineWrites } from '../../../../src/core/buildkit/pipelinedWrites';
import { FILE_SYNC_DIFF_COPY } from '../../../../src/core/buildkit/sessionServices';
import { Packet, PACKET_STAT } from '../../../../src/core/buildkit/fsutilPackets';

const COUNT = 5_000;

/** A real grpc-js server and client on loopback, the server streaming `count` stats to the client. */
async function streamStats(pipelined: boolean, count = COUNT): Promise<{ paths: string[]; installed: boolean }> {
  const server = new grpc.Server();
  let installed = false;
  const handler: grpc.handleBidiStreamingCall<Packet, object> = (call) => {
    if (pipelined) pipelineWrites(call);
    installed = typeof (call as unknown as { _writev?: unknown })._writev === 'function';
    for (let i = 0; i < count; i++) call.write({ type: PACKET_STAT, stat: { path: `f${i}`, mode: 0o644, size: i } });
    call.end();
  };
  server.addService({ DiffCopy: FILE_SYNC_DIFF_COPY }, { DiffCopy: handler as grpc.UntypedHandleCall });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  const Client = grpc.makeGenericClientConstructor({ DiffCopy: FILE_SYNC_DIFF_COPY }, 'FileSync');
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as grpc.Client & { DiffCopy: () => grpc.ClientDuplexStream<object, Packet> };
  try {
    const call = client.DiffCopy();
    const paths: string[] = [];
    await new Promise<void>((resolve, reject) => {
      call.on('data', (packet: Packet) => paths.push(packet.stat?.path ?? '?'));
      call.on('end', resolve);
      call.on('error', reject);
    });
    return { paths, installed };
  } finally {
    client.close();
    server.forceShutdown();
  }
}

describe('pipelineWrites (file sync stats handed to HTTP/2 together)', () => {
  it("takes hold on grpc-js's server call (if grpc-js changes its internals, this says so)", async () => {
    assert.equal((await streamStats(true, 10)).installed, true);
    assert.equal((await streamStats(false, 10)).installed, false);
  });

  it('delivers every message once, in the order written', async () => {
    const { paths } = await streamStats(true);
    assert.equal(paths.length, COUNT);
    assert.deepEqual(paths, Array.from({ length: COUNT }, (_, i) => `f${i}`));
  });
});
