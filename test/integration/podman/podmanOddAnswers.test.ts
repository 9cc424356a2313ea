// A stand-in for a Podman whose compat API answers a field differently (a fake server: no real
// engine sends these on purpose). The session reads what it can, says clearly what it cannot,
// keeps the machine and its other lists, and nothing throws out of the event loop.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { MachineSession } from '../../../src/core/engine/machineSession';
import { hostileEngine } from '../../support/hostileEngine';
import { UnixSocketServer } from '../../support/unixSocketServer';

const VERSION = { Components: [{ Name: 'Podman Engine', Version: '4.3.1' }], Version: '4.3.1', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64' };

function answer(response: http.ServerResponse, body: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

describe('A Podman that answers a field differently (fake compat API)', () => {
  let server: UnixSocketServer;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);

  before(async () => {
    process.on('uncaughtException', onUncaught);
    server = await hostileEngine((request, response) => {
      const url = request.url ?? '';
      if (url.includes('/version')) return answer(response, VERSION);
      // Names as a string, Created as RFC 3339, Ports as an object: still one readable container.
      if (url.includes('/containers/json')) return answer(response, [{ Id: 'c1', Names: '/web', Created: '2026-12-06T22:42:37Z', Ports: { '80/tcp': null }, State: 'running', Status: 'Up' }]);
      // An image list as an object keyed by id: not readable as a list.
      if (url.includes('/images/json')) return answer(response, { sha256aa: { RepoTags: ['localhost/app:1'] } });
      // A volume without its Name.
      if (url.includes('/volumes')) return answer(response, { Volumes: [{ Driver: 'local' }] });
      if (url.includes('/networks')) return answer(response, [{ Id: 'n1', Name: 'bridge', IPAM: { Config: null } }]);
      response.writeHead(404).end('{"message":"no"}');
    });
  });
  after(async () => {
    process.off('uncaughtException', onUncaught);
    await server?.close();
  });

  it('shows what reads, refuses what does not in words, and keeps the machine running', async () => {
    const session = new MachineSession({ name: 'odd-podman', endpoint: { kind: 'unix', socketPath: server.socketPath } }, { requestTimeoutMs: 3000, log: () => undefined });
    try {
      await session.connect();
      assert.equal(session.version?.flavor.label, 'Podman 4.3.1');
      const containers = await session.list('container');
      assert.equal(containers[0]?.name, 'web');
      assert.equal(containers[0]?.created.getUTCFullYear(), 2026);
      await assert.rejects(session.list('image'), /The engine's image list answer is not a list: it does not have the Docker API's shape/);
      await assert.rejects(session.list('volume'), /The engine listed a volume whose Name is nothing, not a string/);
      assert.equal(session.state, 'running', 'an unreadable list is not an unreachable machine');
      assert.equal((await session.list('network'))[0]?.builtIn, true, 'the other lists still load');
      assert.deepEqual(uncaught, []);
    } finally {
      session.dispose();
    }
  });
});
