// The docker-hosts-container: URIs, as pure strings (no `vscode` import: unit-tested without VS Code).
// docker-hosts-container://<machine id in hex>.<container id>/<path in the container>
// The machine id is hex-encoded so that any id (spaces, dots, capitals, `@`) survives VS Code's
// authority handling, which lower-cases and percent-encodes; engines name containers by hex ids.

export const CONTAINER_SCHEME = 'docker-hosts-container';

export interface ContainerAddress {
  readonly machineId: string;
  readonly containerId: string;
}

const CONTAINER_ID = /^[0-9a-f]{12,64}$/;

export function containerAuthority(address: ContainerAddress): string {
  const containerId = address.containerId.toLowerCase();
  if (!CONTAINER_ID.test(containerId)) {
    throw new Error(`"${address.containerId}" is not a container id`);
  }
  return `${Buffer.from(address.machineId, 'utf8').toString('hex')}.${containerId}`;
}

export function parseContainerAuthority(authority: string): ContainerAddress | undefined {
  const match = /^((?:[0-9a-f]{2})+)\.([0-9a-f]{12,64})$/.exec(authority.toLowerCase());
  if (!match) {
    return undefined;
  }
  return { machineId: Buffer.from(match[1] as string, 'hex').toString('utf8'), containerId: match[2] as string };
}
