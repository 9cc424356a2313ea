// Benchmark (not a test): 100 sequential container listings of the same engine, interleaved so
// that every way sees the same load, by
//   (a) our SSH transport (one ssh2 connection, a channel per request, through EngineClient),
//   (b) the docker CLI with -H ssh:// (a new ssh process and dial-stdio per command),
//   (c) dockerode's built-in protocol 'ssh' (a new SSH connection and dial-stdio per request),
//   (d) the local unix socket (through EngineClient too: only the transport differs from (a)).
// The SSH server is a private real sshd on loopback; the CLI gets the test key and host key
// through a temporary ssh config (an `ssh` wrapper first in PATH adds -F, since ssh reads
// ~/.ssh from the password database, not $HOME) and a temporary HOME for its own config.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { EngineClient } from '../../src/core/engine/engineClient';
import { makeClientKey, tempDir, TestSshd } from '../support/sshd';
import { recordingInteraction, sshEndpoint, testSettings } from '../support/sshTestbed';
import { fmt, median, timeMs } from './benchSupport';

const CALLS = 100;
const WARM_UP = 3;
const SOCKET = '/var/run/docker.sock';
const run = promisify(execFile);

interface Way {
  readonly label: string;
  readonly list: () => Promise<unknown>;
  readonly samples: number[];
}

/** A folder with an `ssh` that always uses our config, and a HOME for the docker CLI. */
function cliEnvironment(dir: string, sshd: TestSshd, keyPath: string): NodeJS.ProcessEnv {
  const knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, `${sshd.knownHostsLine()}\n`);
  const config = path.join(dir, 'ssh_config');
  writeFileSync(config, `Host 127.0.0.1\n  IdentityFile ${keyPath}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${knownHosts}\n  StrictHostKeyChecking yes\n  BatchMode yes\n`);
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${config}' "$@"\n`);
  chmodSync(path.join(bin, 'ssh'), 0o755);
  return { ...process.env, HOME: path.join(dir, 'home'), PATH: `${bin}:${process.env.PATH ?? ''}`, SSH_AUTH_SOCK: '' };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
}

async function main(): Promise<void> {
  const temp = tempDir('dh-bench-ssh-');
  const sshd = await TestSshd.start();
  const key = makeClientKey(temp.dir, 'id_bench');
  sshd.authorize(key);
  const ssh = new EngineClient(sshEndpoint(sshd, key), { requestTimeoutMs: 30_000, ssh: testSettings(temp.dir, recordingInteraction({ trust: true })) });
  const local = new EngineClient({ kind: 'unix', socketPath: SOCKET }, { requestTimeoutMs: 30_000 });
  const builtIn = new Docker({ protocol: 'ssh', host: '127.0.0.1', port: sshd.port, username: 'root', sshOptions: { privateKey: readFileSync(key.privatePath) } } as Docker.DockerOptions);
  const env = cliEnvironment(temp.dir, sshd, key.privatePath);
  const host = `ssh://root@127.0.0.1:${sshd.port}`;
  const ways: Way[] = [
    { label: '(a) our SSH transport', list: () => ssh.listContainers(), samples: [] },
    { label: '(b) docker -H ssh:// (CLI)', list: () => run('docker', ['-H', host, 'ps', '-a', '--no-trunc'], { env }), samples: [] },
    { label: "(c) dockerode protocol 'ssh'", list: () => builtIn.listContainers({ all: true }), samples: [] },
    { label: '(d) local unix socket', list: () => local.listContainers(), samples: [] },
  ];
  try {
    const count = (await local.listContainers()).length;
    console.log(`SSH transport benchmark: ${CALLS} sequential container listings each (${count} containers on the engine), interleaved, sshd on 127.0.0.1:${sshd.port}`);
    for (let i = -WARM_UP; i < CALLS; i++) {
      for (const way of ways) {
        const ms = await timeMs(way.list);
        if (i >= 0) {
          way.samples.push(ms);
        }
      }
    }
    for (const way of ways) {
      console.log(`  ${way.label.padEnd(30)} mean ${fmt(mean(way.samples)).padStart(10)}   median ${fmt(median(way.samples)).padStart(10)}`);
    }
    const [a, b, c, d] = ways.map((w) => mean(w.samples)) as [number, number, number, number];
    console.log('ratios of the means:');
    console.log(`  (a)/(d) = ${(a / d).toFixed(2)}×   (goal ≤ 3)`);
    console.log(`  (b)/(d) = ${(b / d).toFixed(1)}×   (c)/(d) = ${(c / d).toFixed(1)}×`);
    console.log(`  (b)/(a) = ${(b / a).toFixed(1)}×   (c)/(a) = ${(c / a).toFixed(1)}×   (goal ≥ 20 each)`);
    console.log(`  logins on the server during the run: ${sshd.acceptedLogins()} (one is ours; the rest are (b) and (c), one per call)`);
  } finally {
    ssh.dispose();
    await sshd.stop();
    temp.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
