import { ContainerState } from '../../../core/engine/resources';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { resolveResources, ResourceTarget } from '../resolveResources';

export type ContainerTarget = ResourceTarget<'container'>;

/** Containers a command acts on (see resolveResources), restricted to the states it applies to. */
export function resolveContainers(
  services: Services,
  nodes: readonly TreeNode[],
  options: { eligible?: readonly ContainerState[] | readonly string[]; many?: boolean; verb: string },
): Promise<ContainerTarget[]> {
  const states = options.eligible;
  return resolveResources(services, 'container', nodes, {
    verb: options.verb,
    ...(options.many !== undefined && { many: options.many }),
    ...(states && { eligible: (info) => states.includes(info.state) }),
  });
}
