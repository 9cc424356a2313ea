import type { EngineClient } from '../../engine/engineClient';
import { removeNetwork } from '../../engine/operations/networkOperations';
import { removeImage } from '../../engine/operations/imageOperations';
import { removeVolume } from '../../engine/operations/volumeOperations';
import { engineMessageOf } from '../../util/errors';
import { projectFilter } from './composeLabels';
import { ComposeDownOptions, ComposeServiceError } from './composeTypes';
import { removeServiceContainer, stopServiceContainer } from './containerLifecycle';
import { inDependencyOrder } from './dependencyOrder';
import { progressTo } from './progress';
import { projectContainers, servicesFromLabels } from './projectContainers';
import { settleAll } from './serviceConvergence';

/**
 * `docker compose down` from the labels alone (the files may be gone): every container of the
 * project stopped (dependants first) and removed, one-off ones too, then its networks; with
 * `volumes` its named volumes, with `images` the images its services ran. Whatever made them
 * (v1, v2, this extension) is found by com.docker.compose.project.
 */
export async function composeDown(client: EngineClient, projectName: string, options: ComposeDownOptions = {}): Promise<void> {
  const progress = progressTo(options.onProgress);
  const { signal } = options;
  const containers = await projectContainers(client, projectName, { oneoff: true, ...(signal && { signal }) });
  const selected = options.services?.length ? containers.filter((c) => options.services?.includes(c.service)) : containers;
  await inDependencyOrder(servicesFromLabels(selected), 'dependants-first', async (service) => {
    await settleAll(selected.filter((c) => c.service === service.name).map(async (c) => {
      if (c.state === 'running' || c.state === 'paused' || c.state === 'restarting') {
        await stopServiceContainer(client, c.service, c.id, c.name, progress, signal);
      }
      await removeServiceContainer(client, c.service, c.id, c.name, progress, { volumes: options.volumes === true });
    }));
  });
  if (options.services?.length) return; // the project's other services still use its networks
  const failures: string[] = [];
  const filters = projectFilter(projectName);
  const networks = await client.call<{ Id: string; Name: string }[]>((d, abortSignal) => d.listNetworks({ filters, abortSignal } as never), { ...(signal && { signal }) });
  for (const network of networks) {
    await removeOne(`Network ${network.Name}`, () => removeNetwork(client, network.Id), progress, failures);
  }
  if (options.volumes) {
    const volumes = await client.call<{ Volumes?: { Name: string }[] | null }>((d, abortSignal) => d.listVolumes({ filters, abortSignal } as never), { ...(signal && { signal }) });
    for (const volume of volumes.Volumes ?? []) {
      await removeOne(`Volume ${volume.Name}`, () => removeVolume(client, volume.Name), progress, failures);
    }
  }
  if (options.images) {
    // 'local': only images without a custom tag, i.e. named <project>-<service> as a build names them.
    const images = new Set(containers.filter((c) => options.images === 'all' || c.image === `${projectName}-${c.service}`).map((c) => c.image));
    for (const image of images) {
      await removeOne(`Image ${image}`, () => removeImage(client, image, false), progress, failures);
    }
  }
  if (failures.length > 0) {
    throw new ComposeServiceError(undefined, `Project "${projectName}" is down, but not everything could be removed:\n${failures.join('\n')}`);
  }
}

async function removeOne(resource: string, work: () => Promise<void>, progress: ReturnType<typeof progressTo>, failures: string[]): Promise<void> {
  progress(resource, 'Removing');
  try {
    await work();
    progress(resource, 'Removed');
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) {
      progress(resource, 'Removed');
      return;
    }
    progress(resource, 'Error', undefined, engineMessageOf(error));
    failures.push(`${resource}: ${engineMessageOf(error)}`);
  }
}
