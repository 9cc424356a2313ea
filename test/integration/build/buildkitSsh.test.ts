// SSH agent forwarding on the real engine: RUN --mount=type=ssh reaches real ssh-agents through
// our session (the default one from SSH_AUTH_SOCK, another by its id), each build step sees only
// its agent's key, connections end when the step is done, and a missing agent fails plainly.
import * as assert from 'node:assert/strict';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BuildFailure, buildImage, BuildOptions } from '../../../src/core/build/buildImage';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { BASE_IMAGE, eventually, fileInImage, localDocker, newRunId, processesWith, TEST_LABEL } from '../../support/engine';

const docker = localDocker();
const runId = newRunId();
const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 20_000 });
const labels = { [TEST_LABEL]: runId };
const temp = mkdtempSync(path.join(os.tmpdir(), 'dh-ssh-build-'));

/** A real ssh-agent on a socket of its own, holding one fresh ed25519 key. */
interface TestAgent {
  readonly socket: string;
  readonly fingerprint: string;
  readonly process: ChildProcess;
}

async function startAgent(name: string): Promise<TestAgent> {
  const socket = path.join(temp, `${name}.sock`);
  const key = path.join(temp, `${name}_ed25519`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `dh-${name}-${runId}`, '-f', key]);
  // -D keeps it in the foreground, so it is ours to stop by its pid.
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  await eventually(`ssh-agent ${name} to listen`, 10_000, () => (existsSync(socket) ? true : undefined));
  execFileSync('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  // "256 SHA256:… comment (ED25519)", the line ssh-add -l prints for it.
  return { socket, fingerprint: execFileSync('ssh-keygen', ['-lf', `${key}.pub`], { encoding: 'utf8' }).trim(), process: agent };
}

/** How many sockets a process holds open: the agent's listener plus one per client connection. */
function openSockets(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false; // closed meanwhile
    }
  }).length;
}

/**
 * A context holding this computer's ssh-add with the libraries ldd names and the dynamic loader:
 * busybox has no unix-socket client, so the build step runs ssh-add through the loader.
 */
function sshAddContext(dockerfileLines: readonly string[]): { dir: string; dockerfile: string } {
  const dir = mkdtempSync(path.join(temp, 'context-'));
  mkdirSync(path.join(dir, 'tools'));
  const ssh = execFileSync('which', ['ssh-add'], { encoding: 'utf8' }).trim();
  const libraries = execFileSync('ldd', [ssh], { encoding: 'utf8' }).split('\n').map((line) => /(\/\S+) \(0x/.exec(line)?.[1]).filter((file): file is string => file !== undefined);
  const loader = libraries.find((file) => /\/ld-linux[^/]*$/.test(file));
  assert.ok(loader, `ldd names no dynamic loader for ${ssh}`);
  for (const file of [ssh, ...libraries]) copyFileSync(file, path.join(dir, 'tools', path.basename(file)));
  const sshAdd = `/tools/${path.basename(loader)} --library-path /tools /tools/ssh-add`;
  writeFileSync(path.join(dir, 'Dockerfile'), [`FROM ${BASE_IMAGE}`, 'COPY tools /tools', ...dockerfileLines.map((line) => line.replace('SSH_ADD', sshAdd))].join('\n'));
  return { dir, dockerfile: path.join(dir, 'Dockerfile') };
}

function project(lines: readonly string[]): { dir: string; dockerfile: string } {
  const dir = mkdtempSync(path.join(temp, 'plain-'));
  writeFileSync(path.join(dir, 'Dockerfile'), [`FROM ${BASE_IMAGE}`, ...lines].join('\n'));
  return { dir, dockerfile: path.join(dir, 'Dockerfile') };
}

async function failureOf(options: Omit<BuildOptions, 'labels' | 'tags'>): Promise<BuildFailure> {
  const failure = await buildImage(client, { ...options, tags: [], labels }, { output: () => undefined }).then(() => undefined, (e: unknown) => e);
  assert.ok(failure instanceof BuildFailure, `expected a BuildFailure, got ${String(failure)}`);
  return failure;
}

describe('BuildKit builds with SSH agents forwarded (RUN --mount=type=ssh) on the real engine', function () {
  this.timeout(120_000);
  const agents: TestAgent[] = [];
  let main: TestAgent;
  let work: TestAgent;
  before(async () => {
    main = await startAgent('main');
    work = await startAgent('work');
    agents.push(main, work);
  });
  after(async () => {
    for (const agent of agents) {
      const exited = new Promise((resolve) => agent.process.once('exit', resolve));
      agent.process.kill();
      await exited;
    }
    for (const image of await docker.listImages({ filters: { label: [`${TEST_LABEL}=${runId}`] } })) {
      for (const tag of image.RepoTags ?? []) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    }
    await docker.pruneImages({ filters: { label: [`${TEST_LABEL}=${runId}`], dangling: ['true'] } }).catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  });

  it('lets each step reach its own agent: "default" from SSH_AUTH_SOCK, "work" by its socket; each lists only its key, and each connection ends with its client', async () => {
    // A sleep of its own length marks the step's time after ssh-add, to look at the agent meanwhile.
    const pause = `3.0${Math.floor(Math.random() * 1e6)}`;
    const sleeping = (): number => processesWith(`sleep\u0000${pause}`);
    const { dir, dockerfile } = sshAddContext(['RUN --mount=type=ssh SSH_ADD -l > /default-keys', `RUN --mount=type=ssh,id=work SSH_ADD -l > /work-keys && sleep ${pause}`]);
    const tag = `dh-bk-ssh-${runId}:x`;
    const idleSockets = agents.map((agent) => openSockets(agent.process.pid as number));
    const previous = process.env.SSH_AUTH_SOCK;
    process.env.SSH_AUTH_SOCK = main.socket;
    let output = '';
    try {
      // No cache: the agent is not part of a step's cache key, so an earlier run's layer would answer.
      const building = buildImage(client, { contextDir: dir, dockerfile, tags: [tag], labels, noCache: true, ssh: [{ id: 'default' }, { id: 'work', paths: [work.socket] }] }, { output: (text) => (output += text) });
      building.catch(() => undefined);
      await eventually('the work step to sleep after ssh-add', 60_000, () => (sleeping() > 0 ? true : undefined));
      // ssh-add's close reaches the agent through the session at once, not when the step ends.
      await eventually('the work agent to hold no build connection while the step sleeps', 2_000, () => (openSockets(work.process.pid as number) === idleSockets[1] ? true : undefined));
      assert.ok(sleeping() > 0, 'the step was still running when the agent connection ended');
      await building;
    } finally {
      if (previous === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = previous;
    }
    assert.equal(await fileInImage(docker, tag, '/default-keys'), `${main.fingerprint}\n`);
    assert.equal(await fileInImage(docker, tag, '/work-keys'), `${work.fingerprint}\n`);
    assert.doesNotMatch(output, /SHA256:/, 'what the agent said stays out of the build output');
    await eventually('the agents to hold no build connection after the build', 10_000, () => (agents.every((agent, index) => openSockets(agent.process.pid as number) === idleSockets[index]) ? true : undefined));
  });

  it('says no agent was forwarded when the build gives none, on the RUN line', async () => {
    const { dir, dockerfile } = project(['RUN --mount=type=ssh,required=true true']);
    const failure = await failureOf({ contextDir: dir, dockerfile, noCache: true });
    assert.match(failure.message, /No SSH agent for id default is forwarded to this build \(its ssh list has: none\)/);
    assert.equal(failure.line, 2);
  });

  it('names an agent socket that does not exist, and an id the build was not given', async () => {
    const missing = path.join(temp, 'no-agent-here.sock');
    const { dir, dockerfile } = project(['RUN --mount=type=ssh,required=true true']);
    const failure = await failureOf({ contextDir: dir, dockerfile, noCache: true, ssh: [{ id: 'default', paths: [missing] }] });
    assert.ok(failure.message.includes(`SSH agent for id default: the agent at ${missing} is not running (ENOENT)`), failure.message);
    assert.equal(failure.line, 2);
    const other = project(['RUN --mount=type=ssh,id=deploy,required=true true']);
    const unknown = await failureOf({ contextDir: other.dir, dockerfile: other.dockerfile, noCache: true, ssh: [{ id: 'default', paths: [main.socket] }] });
    assert.match(unknown.message, /No SSH agent for id deploy is forwarded to this build \(its ssh list has: default\)/);
  });

  it('refuses malformed agents before anything is sent, and agents for the classic builder', async () => {
    const { dir, dockerfile } = project(['RUN true']);
    const malformed = await failureOf({ contextDir: dir, dockerfile, ssh: [{ id: 'a b' }, { id: 'rel', paths: ['agent.sock'] }] });
    assert.match(malformed.message, /SSH agents are not usable:\nssh\[0\]: .*\nssh\[1\] \(rel\): the agent socket agent\.sock must be an absolute path/);
    const classic = await failureOf({ contextDir: dir, dockerfile, builder: 'classic', ssh: [{ id: 'default' }] });
    assert.match(classic.message, /SSH agent forwarding needs BuildKit/);
  });
});
