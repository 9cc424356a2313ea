// SSH agent forwarding for builds: --ssh entries parsed as the docker CLI reads them, malformed
// ones refused, and an agent that cannot be reached named with the reason.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { parseSshSpec, SshAgentError, SshAgents, sshSpecProblems } from '../../../../src/core/buildkit/sshForward';

describe('SSH agent forwarding: parseSshSpec, sshSpecProblems and SshAgents', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-ssh-'));

  it('parses "default", a bare id, and id=paths as the CLI does', () => {
    assert.deepEqual(parseSshSpec('default'), { id: 'default' });
    assert.deepEqual(parseSshSpec('github'), { id: 'github' });
    assert.deepEqual(parseSshSpec('github=/run/agent.sock'), { id: 'github', paths: ['/run/agent.sock'] });
    assert.deepEqual(parseSshSpec('two=/a,/b'), { id: 'two', paths: ['/a', '/b'] });
    assert.deepEqual(parseSshSpec('x=/p=q'), { id: 'x', paths: ['/p=q'] }, 'only the first "=" separates');
  });

  it('accepts good specs and finds malformed ones: a bad or repeated id, a relative path, several paths, an empty path, not an object', () => {
    assert.deepEqual(sshSpecProblems([{ id: 'default' }, { id: 'gh.work_1' }, { id: 'sock', paths: ['/tmp/agent.sock'] }]), []);
    const problems = sshSpecProblems([
      parseSshSpec('=/tmp/a'), { id: 'dup' }, { id: 'dup' }, parseSshSpec('rel=agent.sock'), parseSshSpec('many=/a,/b'), parseSshSpec('empty='), 'default', null, { id: 'odd', paths: '/a' },
    ]);
    assert.equal(problems.length, 8, problems.join('\n'));
    assert.match(problems[0] ?? '', /^ssh\[0\]: the id must be letters/);
    assert.match(problems[1] ?? '', /^ssh\[2\]: the id dup is given twice/);
    assert.match(problems[2] ?? '', /^ssh\[3\] \(rel\): the agent socket agent\.sock must be an absolute path/);
    assert.match(problems[3] ?? '', /^ssh\[4\] \(many\): give one agent socket, not 2 paths/);
    assert.match(problems[4] ?? '', /^ssh\[5\] \(empty\): the paths must be non-empty strings/);
    assert.match(problems[5] ?? '', /^ssh\[6\]: the id must be/);
    assert.match(problems[6] ?? '', /^ssh\[7\]: the id must be/);
    assert.match(problems[7] ?? '', /^ssh\[8\] \(odd\): the paths must be/);
  });

  async function failureOf(agents: SshAgents, id: string): Promise<SshAgentError> {
    const error = await agents.reachableSocket(id).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SshAgentError, `expected an SshAgentError, got ${String(error)}`);
    return error;
  }

  it('says why an agent cannot be reached: an id not given, SSH_AUTH_SOCK unset, no socket there, a key file, nobody listening', async () => {
    const keyFile = path.join(dir, 'id_ed25519');
    writeFileSync(keyFile, 'not a socket');
    const deadSocket = path.join(dir, 'dead.sock');
    // A listener killed outright leaves its socket file behind with nobody accepting: a crashed agent.
    spawnSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(deadSocket)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    assert.ok(statSync(deadSocket).isSocket());
    const agents = new SshAgents([{ id: 'default' }, { id: 'gone', paths: [path.join(dir, 'missing.sock')] }, { id: 'key', paths: [keyFile] }, { id: 'dead', paths: [deadSocket] }], {});
    const unknown = await failureOf(agents, 'other');
    assert.equal(unknown.code, grpc.status.NOT_FOUND);
    assert.match(unknown.message, /No SSH agent for id other .*\(its ssh list has: default, gone, key, dead\)/);
    assert.match((await failureOf(agents, 'default')).message, /SSH agent for id default: SSH_AUTH_SOCK is not set/);
    const gone = await failureOf(agents, 'gone');
    assert.equal(gone.code, grpc.status.UNAVAILABLE);
    assert.equal(gone.message, `SSH agent for id gone: the agent at ${path.join(dir, 'missing.sock')} is not running (ENOENT)`);
    assert.match((await failureOf(agents, 'key')).message, /id_ed25519 is not a socket; key files are not supported, add the key to an ssh-agent/);
    assert.match((await failureOf(agents, 'dead')).message, new RegExp(`the agent at ${deadSocket.replace(/\./g, '\\.')} is not running \\(connect (ECONNREFUSED|ENOENT)`));
  });

  it('reaches an agent at its socket, given or from SSH_AUTH_SOCK', async () => {
    const socket = path.join(dir, 'live.sock');
    const server = net.createServer((connection) => connection.end());
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const agents = new SshAgents([{ id: 'default' }, { id: 'given', paths: [socket] }], { SSH_AUTH_SOCK: socket });
      assert.equal(await agents.reachableSocket('default'), socket);
      assert.equal(await agents.reachableSocket('given'), socket);
    } finally {
      server.close();
    }
  });
});
