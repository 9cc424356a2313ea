// The files of a container on a machine reached over SSH (real sshd, real engine): the archive
// endpoints and exec go over the machine's one SSH connection like every other call.
import * as assert from 'node:assert/strict';
import { ContainerFiles } from '../../../src/core/containerFiles/containerFiles';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { cleanUp, createContainer, localDocker, newRunId } from '../../support/engine';
import { ClientKey, makeClientKey, sshdAvailable, tempDir, TestSshd } from '../../support/sshd';
import { recordingInteraction, sshEndpoint, testSettings } from '../../support/sshTestbed';

describe('container files over SSH (real sshd, real engine)', function () {
  this.timeout(60_000);
  const docker = localDocker();
  const runId = newRunId();
  let sshd: TestSshd;
  let temp: ReturnType<typeof tempDir>;
  let key: ClientKey;
  let client: EngineClient;
  let id: string;

  before(async function () {
    if (!sshdAvailable()) this.skip();
    sshd = await TestSshd.start();
    temp = tempDir('dh-ssh-files-');
    key = makeClientKey(temp.dir, 'id');
    sshd.authorize(key);
    client = new EngineClient(sshEndpoint(sshd, key), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, recordingInteraction()) });
    const container = await createContainer(docker, runId, `dh-ssh-files-${runId}`, { Cmd: ['sh', '-c', 'mkdir /work && echo over ssh > /work/a.txt && exec sleep 600'] });
    await container.start();
    id = container.id;
  });

  after(async () => {
    client?.dispose();
    await cleanUp(docker, runId);
    await sshd?.stop();
    temp?.cleanup();
  });

  it('stats, lists, reads, writes, renames and deletes over the one connection', async () => {
    const files = new ContainerFiles(client, id);
    assert.equal((await files.read('/work/a.txt')).toString(), 'over ssh\n');
    await files.write('/work/a.txt', Buffer.from('written over ssh\n'), { create: false, overwrite: true });
    assert.equal((await files.read('/work/a.txt')).toString(), 'written over ssh\n');
    await files.rename('/work/a.txt', '/work/b.txt', { overwrite: false });
    assert.deepEqual((await files.list('/work')).map((e) => e.name), ['b.txt']);
    await files.delete('/work/b.txt', { recursive: false });
    assert.deepEqual(await files.list('/work'), []);
  });

  it('answers 40 stats in a row on one connection (each HEAD answer is closed after its header is read)', async () => {
    const files = new ContainerFiles(client, id);
    for (let i = 0; i < 40; i++) {
      assert.equal((await files.stat('/work')).type, 'directory');
    }
  });
});
