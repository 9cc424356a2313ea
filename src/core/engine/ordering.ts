import { ContainerInfo, ImageInfo, NetworkInfo, VolumeInfo } from './resources';

/** How the Containers group is laid out: compose projects (as folders) first, then the rest. */
export interface ContainerLayout {
  readonly projects: readonly { readonly name: string; readonly members: readonly ContainerInfo[] }[];
  readonly loose: readonly ContainerInfo[];
}

// Plain code-unit order, as `docker ps`/`docker images` users read names; a locale collator
// costs more than the whole HTTP call on lists of hundreds of tags.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: { name: string }, b: { name: string }): number => compareText(a.name, b.name);

export function layoutContainers(containers: readonly ContainerInfo[]): ContainerLayout {
  const projects = new Map<string, ContainerInfo[]>();
  const loose: ContainerInfo[] = [];
  for (const container of containers) {
    if (container.composeProject === undefined) {
      loose.push(container);
    } else {
      const members = projects.get(container.composeProject) ?? [];
      members.push(container);
      projects.set(container.composeProject, members);
    }
  }
  return {
    projects: [...projects.entries()].sort(([a], [b]) => compareText(a, b)).map(([name, members]) => ({ name, members: members.sort(byName) })),
    loose: loose.sort(byName),
  };
}

export type ImageOrder = 'name' | 'created' | 'size';

/** Tagged images by tag (dangling ones, `<none>`, last), or newest / largest first. */
export function sortImages(images: ImageInfo[], order: ImageOrder = 'name'): ImageInfo[] {
  const byTag = (a: ImageInfo, b: ImageInfo): number => Number(a.tag === undefined) - Number(b.tag === undefined) || compareText(a.tag ?? a.id, b.tag ?? b.id);
  switch (order) {
    case 'name':
      return images.sort(byTag);
    case 'created':
      return images.sort((a, b) => b.created.getTime() - a.created.getTime() || byTag(a, b));
    case 'size':
      return images.sort((a, b) => b.size - a.size || byTag(a, b));
  }
}

export function sortVolumes(volumes: VolumeInfo[]): VolumeInfo[] {
  return volumes.sort(byName);
}

/** Built-in networks first (bridge, host, none), then the user's. */
export function sortNetworks(networks: NetworkInfo[]): NetworkInfo[] {
  return networks.sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || byName(a, b));
}

/** Which containers mount each named volume. */
export function volumeUsers(containers: readonly ContainerInfo[]): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const container of containers) {
    for (const volume of container.volumeNames) {
      users.set(volume, [...(users.get(volume) ?? []), container.name]);
    }
  }
  return users;
}
