import type { ComposeProject, ComposeService, ComposeServiceVolume } from '../model/composeModel';

/**
 * Bind mounts and named volumes without special options as `Binds` strings (what v2 does, so a
 * missing host folder is created as the CLI creates it); anonymous volumes, tmpfs and anything
 * with options the bind syntax cannot say as `Mounts`.
 */
export function volumeMounts(project: ComposeProject, service: ComposeService, inherited: Readonly<Record<string, string>>): { binds: string[]; mounts: Record<string, unknown>[] } {
  const binds: string[] = [];
  const mounts: Record<string, unknown>[] = [];
  for (const volume of service.volumes) {
    if (volume.type === 'volume' && !volume.source && inherited[volume.target]) {
      mounts.push({ ...mountOf(project, volume), Source: inherited[volume.target] });
      continue;
    }
    const access = volume.read_only ? 'ro' : 'rw';
    if (volume.type === 'bind' && volume.source && volume.bind?.create_host_path !== false) {
      binds.push(`${volume.source}:${volume.target}:${[access, ...(volume.bind?.propagation ? [volume.bind.propagation] : [])].join(',')}`);
    } else if (volume.type === 'volume' && volume.source && !volume.volume?.subpath) {
      binds.push(`${engineVolumeName(project, volume.source)}:${volume.target}:${[access, ...(volume.volume?.nocopy ? ['nocopy'] : [])].join(',')}`);
    } else {
      mounts.push(mountOf(project, volume));
    }
  }
  return { binds, mounts };
}

/** The engine name of a service's volume source: a project volume's name, else as written. */
function engineVolumeName(project: ComposeProject, source: string): string {
  return project.volumes[source]?.name ?? source;
}

function mountOf(project: ComposeProject, volume: ComposeServiceVolume): Record<string, unknown> {
  return {
    Type: volume.type,
    Target: volume.target,
    ReadOnly: volume.read_only,
    ...(volume.source !== undefined && { Source: volume.type === 'volume' ? engineVolumeName(project, volume.source) : volume.source }),
    ...(volume.type === 'bind' && volume.bind?.propagation && { BindOptions: { Propagation: volume.bind.propagation } }),
    ...(volume.type === 'volume' && volume.volume && { VolumeOptions: { NoCopy: volume.volume.nocopy === true, ...(volume.volume.subpath && { Subpath: volume.volume.subpath }) } }),
    ...(volume.type === 'tmpfs' && volume.tmpfs && { TmpfsOptions: { ...(volume.tmpfs.size !== undefined && { SizeBytes: volume.tmpfs.size }), ...(volume.tmpfs.mode !== undefined && { Mode: volume.tmpfs.mode }) } }),
  };
}
