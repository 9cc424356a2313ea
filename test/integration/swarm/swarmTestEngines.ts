// The two engines the swarm tests join: the local engine (advertises 10.77.0.1) and host B
// (10.77.0.2), and the clean-up that leaves both out of any swarm whatever a test left behind.
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { BASE_IMAGE, localDocker } from '../../support/engine';
import { runHostScript } from '../../support/hostScripts';
import { HOSTB } from '../../support/testHosts';

export const LOCAL_ADVERTISE = HOSTB.hostAddress;
export const HOSTB_ADVERTISE = HOSTB.address;
/** A second tag of the test image on both engines, for rolling updates (no registry here). */
export const SECOND_TAG = 'docker-hosts/busybox:swarm-v2';

export function localClient(): EngineClient {
  return new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 20_000 });
}

export function hostBClient(): EngineClient {
  return new EngineClient({ kind: 'unix', socketPath: HOSTB.engine.socketPath }, { requestTimeoutMs: 20_000 });
}

export function hostBDocker(): Docker {
  return new Docker({ socketPath: HOSTB.engine.socketPath });
}

/** Both engines out of any swarm (services go with it), whatever state they are in. */
export async function leaveAllSwarms(): Promise<void> {
  for (const docker of [hostBDocker(), localDocker()]) {
    const info = (await docker.info().catch(() => undefined)) as { Swarm?: { LocalNodeState?: string } } | undefined;
    if (info?.Swarm?.LocalNodeState && info.Swarm.LocalNodeState !== 'inactive') {
      await docker.swarmLeave({ force: true }).catch(() => undefined);
    }
  }
}

/** Tags the test image a second time on both engines. */
export async function tagSecondImage(): Promise<void> {
  const [repo, tag] = SECOND_TAG.split(':') as [string, string];
  for (const docker of [localDocker(), hostBDocker()]) {
    await docker.getImage(BASE_IMAGE).tag({ repo, tag });
  }
}

export async function untagSecondImage(): Promise<void> {
  for (const docker of [localDocker(), hostBDocker()]) {
    await docker.getImage(SECOND_TAG).remove().catch(() => undefined);
  }
}

/**
 * Stops host B's dockerd (SIGTERM, as `systemctl stop docker` does). Not SIGKILL: a killed dockerd
 * leaves its overlay sandboxes and vxlan devices in host B's namespace, and the next overlay
 * network with the same VNI cannot be made there ("error creating vxlan interface: file exists").
 */
export function stopHostBEngine(): void {
  const pid = Number(readFileSync(path.join(HOSTB.dir, 'dockerd.pid'), 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  stopping = pid;
}

/** The dockerd last sent SIGTERM: test-hosts.sh would take it, still shutting down, for a hung engine. */
let stopping: number | undefined;

/** Resolves once process `pid` is gone (a manager's dockerd may take a minute to shut down). */
async function exited(pid: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`host B's dockerd (pid ${pid}) did not exit within ${ms / 1000} s of SIGTERM`);
}

/** A command that sleeps and ends at once on SIGTERM (a bare `sleep` as PID 1 ignores it, and each stop waits 10 s). */
export const SLEEP_UNTIL_STOPPED = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];

/** `scripts/test-hosts.sh up`: starts host B's dockerd again (it keeps its swarm state). */
export async function bringHostBBack(): Promise<void> {
  if (stopping !== undefined) {
    await exited(stopping, 120_000);
    stopping = undefined;
  }
  await runHostScript('test-hosts.sh', 'up', 120_000);
}
