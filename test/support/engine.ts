// Helpers for tests that work against the real local Docker Engine.
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export const BASE_IMAGE = process.env.DOCKER_HOSTS_BASE_IMAGE ?? 'docker-hosts/busybox:latest';
export const TEST_LABEL = 'dev.docker-hosts.test-run';

export function localDocker(): Docker {
  return new Docker({ socketPath: '/var/run/docker.sock' });
}

/** A label value unique to this run, so that cleanup removes exactly what the run made. */
export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export async function createContainer(docker: Docker, runId: string, name: string, extra: Partial<Docker.ContainerCreateOptions> = {}): Promise<Docker.Container> {
  return docker.createContainer({
    Image: BASE_IMAGE,
    name,
    Cmd: ['sleep', '600'],
    Labels: { [TEST_LABEL]: runId, ...(extra.Labels ?? {}) },
    StopTimeout: 1,
    ...extra,
  } as Docker.ContainerCreateOptions);
}

/** Removes every container, volume, network and image tag labelled with the run id. */
export async function cleanUp(docker: Docker, runId: string): Promise<void> {
  const filters = { label: [`${TEST_LABEL}=${runId}`] };
  for (const c of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  }
  for (const v of (await docker.listVolumes({ filters })).Volumes ?? []) {
    await docker.getVolume(v.Name).remove().catch(() => undefined);
  }
  for (const n of await docker.listNetworks({ filters })) {
    await docker.getNetwork(n.Id).remove().catch(() => undefined);
  }
  for (const image of await docker.listImages({ filters })) {
    for (const tag of image.RepoTags ?? []) {
      await docker.getImage(tag).remove({ noprune: false }).catch(() => undefined);
    }
  }
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/**
 * How many processes on this machine have `text` in their command line. BuildKit runs a build
 * step with runc, not as a container, so this is how a test sees a local step run and stop.
 */
export function processesWith(text: string): number {
  return readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
    } catch {
      return false; // gone meanwhile
    }
  }).length;
}

/** What a file in an image holds, read by running the image (`cat` with a TTY: no stream frames to take apart). */
export async function fileInImage(docker: Docker, image: string, file: string, labels: Record<string, string> = {}): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: ['cat', file], Labels: labels, Tty: true });
  try {
    await container.start();
    await container.wait();
    return String((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer).replace(/\r\n/g, '\n');
  } finally {
    await container.remove({ force: true });
  }
}
