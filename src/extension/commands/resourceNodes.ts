import { ResourceInfo, ResourceKind, ResourceOfKind } from '../../core/engine/resources';
import { ContainerNode } from '../tree/nodes/containerNode';
import { ImageNode } from '../tree/nodes/imageNode';
import { NetworkNode } from '../tree/nodes/networkNode';
import { TreeNode } from '../tree/nodes/treeNode';
import { VolumeNode } from '../tree/nodes/volumeNode';

export interface ResourceRef<K extends ResourceKind> {
  readonly machineId: string;
  readonly info: ResourceOfKind<K>;
}

function isKind<K extends ResourceKind>(info: ResourceInfo, kind: K): info is ResourceOfKind<K> {
  return info.kind === kind;
}

/** The resource a tree node shows, when it is a node of that kind; anything else gives undefined. */
export function resourceOfNode<K extends ResourceKind>(node: TreeNode, kind: K): ResourceRef<K> | undefined {
  if (node instanceof ContainerNode || node instanceof ImageNode || node instanceof VolumeNode || node instanceof NetworkNode) {
    const { info } = node;
    return isKind(info, kind) ? { machineId: node.machineId, info } : undefined;
  }
  return undefined;
}
