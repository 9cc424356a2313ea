// Helpers shared by the compose integration tests and the benchmark: a client for the local
// engine and for host B over SSH, Debian's docker-compose (v1) to compare with, a free port, an HTTP GET, and what is left of a project on the
// engine.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { get } from 'node:http';
import Docker from 'dockerode';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { HOSTB } from '../../support/testHosts';
import type { ComposeService } from '../../../src/core/compose/model/composeModel';
import { BASE_IMAGE, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { service } from '../../support/composeModels';
import { recordingInteraction, testSettings } from '../../support/sshTestbed';

export const localClient = (): EngineClient => new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 20_000 });

/** One test file's run on the local engine: dockerode for checks, our client, and the label cleanUp finds. */
export function composeTestRun(): { docker: Docker; runId: string; client: EngineClient; labels: Record<string, string> } {
  const runId = newRunId();
  return { docker: localDocker(), runId, client: localClient(), labels: { [TEST_LABEL]: runId } };
}

/** A service that only sleeps, stops at once, and carries the run's label. */
export function sleeperService(labels: Record<string, string>) {
  return (name: string, fields: Partial<ComposeService> = {}): ComposeService => service(name, { image: BASE_IMAGE, command: ['sleep', '600'], stop_grace_period: 1e9, labels, ...fields });
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function httpText(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', timeout: 5000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** What is left on the engine with the project's label. */
export async function leftOf(docker: Docker, projectName: string): Promise<{ containers: number; networks: number; volumes: number }> {
  const filters = { label: [`com.docker.compose.project=${projectName}`] };
  return {
    containers: (await docker.listContainers({ all: true, filters })).length,
    networks: (await docker.listNetworks({ filters })).length,
    volumes: ((await docker.listVolumes({ filters })).Volumes ?? []).length,
  };
}

/** An EngineClient for host B over SSH, trusting only its pinned host key. */
export function hostBOverSsh(): EngineClient {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'dh-compose-hostb-'));
  writeFileSync(path.join(temp, 'known_hosts'), `${HOSTB.ssh.host} ${readFileSync(HOSTB.ssh.hostKeyPath, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ')}\n`);
  return new EngineClient(
    { kind: 'ssh', host: HOSTB.ssh.host, port: HOSTB.ssh.port, user: HOSTB.ssh.username, identityFiles: [HOSTB.ssh.privateKeyPath], remoteSocketPath: HOSTB.ssh.remoteSocketPath },
    { requestTimeoutMs: 20_000, ssh: testSettings(temp, recordingInteraction({ trust: false })) },
  );
}

/** Runs Debian's docker-compose (v1) in `dir`; rejects with its output when it fails. */
export function dockerComposeV1(dir: string, args: readonly string[], environment: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker-compose', [...args], { cwd: dir, env: { ...process.env, ...environment, DOCKER_HOST: 'unix:///var/run/docker.sock' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker-compose ${args.join(' ')} exited ${String(code)}:\n${output}`))));
  });
}
