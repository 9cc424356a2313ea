// The Podman engine the test set-up runs (scripts/podman.sh): Debian's podman 4.3, rootful, its
// Docker-compatible API on a socket of its own. Tests reach it through this file only.
import Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { EngineEndpoint } from '../../src/core/engine/endpoint';

export const PODMAN_SOCKET = process.env.DOCKER_HOSTS_PODMAN_SOCKET ?? '/run/dh-podman/podman.sock';
export const PODMAN_ENDPOINT: EngineEndpoint = { kind: 'unix', socketPath: PODMAN_SOCKET };

/** Podman names local images under localhost/: BASE_IMAGE as its list shows it. */
export const podmanImageName = (image: string): string => (image.includes('/') && !image.split('/')[0]?.includes('.') && image.split('/')[0] !== 'localhost' ? `localhost/${image}` : image);

export function podmanDocker(): Docker {
  return new Docker({ socketPath: PODMAN_SOCKET });
}

/** Fails loudly (never skips) when the set-up did not start podman: these tests claim Podman behaviour. */
export function requirePodman(): void {
  if (!existsSync(PODMAN_SOCKET)) {
    throw new Error(`No Podman socket at ${PODMAN_SOCKET}: run \`bash scripts/setup.sh test\` (it runs scripts/podman.sh up)`);
  }
}
