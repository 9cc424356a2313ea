// The command table: every dockerHosts.* command and where it may be invoked. The handlers are
// bound in commandHandlers.ts, whose type requires exactly these ids; a unit test holds this
// table, package.json's commands and menus, and the tree's contextValues to each other.
// No `vscode` import here, so that test runs without VS Code.
import type { NodeKind } from '../tree/contextValues';

/** Where a command can be invoked; each passes its own arguments (see invocation.ts). */
export type CommandLocation =
  | 'palette'
  | 'keybinding'
  | 'view/title'
  | 'view/item/context'
  | 'explorer/context'
  | 'editor/title'
  | 'editor/title/context'
  | 'editor/context'
  | 'programmatic';

/** The argument shapes invocation.ts tells apart. */
export type InvocationShape = 'none' | 'node' | 'uri' | 'programmatic';

export interface CommandSpec {
  readonly where: readonly CommandLocation[];
  /** The tree nodes it acts on (view/item/context): menus must show it on these only. */
  readonly nodes?: readonly NodeKind[];
}

const TABLE = {
  'dockerHosts.refresh': { where: ['view/title', 'palette'] },
  'dockerHosts.machines.filter': { where: ['view/title', 'palette', 'programmatic'] },
  'dockerHosts.machines.clearFilter': { where: ['view/title', 'palette'] },
  'dockerHosts.machine.retry': { where: ['view/item/context', 'programmatic'], nodes: ['machine', 'group:container', 'group:compose', 'group:image', 'group:volume', 'group:network'] },
  'dockerHosts.machine.new': { where: ['view/title', 'palette', 'programmatic'] },
  'dockerHosts.machine.edit': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.rename': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.remove': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.reprovision': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.regenerateCertificates': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.upgradeDocker': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.setActive': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.status': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.export': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.start': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.stop': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.startVm': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.stopVm': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.restartVm': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.killVm': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.restart': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.ssh': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.restartHost': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.copyUrl': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.copyEnv': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.openTerminal': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.inspect': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.machine.importContexts': { where: ['view/title', 'palette', 'programmatic'] },
  'dockerHosts.machine.importDockerMachine': { where: ['view/title', 'palette', 'programmatic'] },
  'dockerHosts.machine.importFile': { where: ['view/title', 'palette', 'programmatic'] },
  'dockerHosts.container.inspect': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.image.inspect': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.volume.inspect': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['volume'] },
  'dockerHosts.network.inspect': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['network'] },
  'dockerHosts.container.start': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.stop': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.restart': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.pause': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.unpause': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.kill': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.remove': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.rename': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.logs': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.shell': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.runCommand': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.stats': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.openInBrowser': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.copyId': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.copyName': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.top': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.copyTo': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.copyFrom': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['container'] },
  'dockerHosts.container.prune': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:container'] },
  'dockerHosts.containerFiles.newFile': { where: ['view/item/context', 'programmatic'], nodes: ['containerFiles', 'containerFolder'] },
  'dockerHosts.containerFiles.newFolder': { where: ['view/item/context', 'programmatic'], nodes: ['containerFiles', 'containerFolder'] },
  'dockerHosts.containerFiles.rename': { where: ['view/item/context', 'programmatic'], nodes: ['containerFolder', 'containerFile'] },
  'dockerHosts.containerFiles.delete': { where: ['view/item/context', 'programmatic'], nodes: ['containerFolder', 'containerFile'] },
  'dockerHosts.containerFiles.download': { where: ['view/item/context', 'programmatic'], nodes: ['containerFiles', 'containerFolder', 'containerFile'] },
  'dockerHosts.containerFiles.upload': { where: ['view/item/context', 'programmatic'], nodes: ['containerFiles', 'containerFolder'] },
  'dockerHosts.containerFiles.refresh': { where: ['view/item/context', 'programmatic'], nodes: ['containerFiles', 'containerFolder', 'containerFile'] },
  'dockerHosts.image.run': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.runInteractive': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.push': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.tag': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.remove': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.history': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.copyTag': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.save': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['image'] },
  'dockerHosts.image.pull': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:image'] },
  'dockerHosts.image.load': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:image'] },
  'dockerHosts.image.prune': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:image'] },
  'dockerHosts.image.sortBy': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:image'] },
  'dockerHosts.image.showDangling': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:image'] },
  'dockerHosts.image.hideDangling': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:image'] },
  'dockerHosts.volume.browse': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['volume'] },
  'dockerHosts.volume.copyMountpoint': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['volume'] },
  'dockerHosts.volume.remove': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['volume'] },
  'dockerHosts.volume.create': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:volume'] },
  'dockerHosts.volume.prune': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:volume'] },
  'dockerHosts.network.connect': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['network'] },
  'dockerHosts.network.disconnect': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['network', 'networkMember'] },
  'dockerHosts.network.remove': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['network'] },
  'dockerHosts.network.create': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:network'] },
  'dockerHosts.network.prune': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:network'] },
  'dockerHosts.build.image': { where: ['palette', 'explorer/context', 'editor/title', 'editor/title/context', 'editor/context', 'programmatic'] },
  'dockerHosts.compose.up': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.upServices': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.down': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.restart': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.stop': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.start': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.pull': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.build': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.compose.logs': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['composeProject'] },
  'dockerHosts.swarm.init': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.swarm.join': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.swarm.leave': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['machine'] },
  'dockerHosts.swarm.promote': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmNode'] },
  'dockerHosts.swarm.demote': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmNode'] },
  'dockerHosts.swarm.drain': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmNode'] },
  'dockerHosts.swarm.pause': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmNode'] },
  'dockerHosts.swarm.activate': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmNode'] },
  'dockerHosts.swarm.removeNode': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmNode'] },
  'dockerHosts.swarm.rotateJoinToken': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarm'] },
  'dockerHosts.swarm.showUnlockKey': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarm'] },
  'dockerHosts.swarm.createService': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarm', 'group:swarm-services'] },
  'dockerHosts.swarm.scaleService': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmService'] },
  'dockerHosts.swarm.updateServiceImage': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmService'] },
  'dockerHosts.swarm.rollbackService': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmService'] },
  'dockerHosts.swarm.forceUpdateService': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmService'] },
  'dockerHosts.swarm.serviceLogs': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmService'] },
  'dockerHosts.swarm.inspectService': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmService'] },
  'dockerHosts.swarm.removeService': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmService'] },
  'dockerHosts.swarm.deployStack': { where: ['palette', 'view/item/context', 'explorer/context', 'editor/title', 'programmatic'], nodes: ['swarm', 'group:swarm-stacks'] },
  'dockerHosts.swarm.removeStack': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmStack'] },
  'dockerHosts.swarm.createOverlayNetwork': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarm', 'group:swarm-networks'] },
  'dockerHosts.swarm.connectContainer': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmNetwork'] },
  'dockerHosts.swarm.createSecret': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:swarm-secrets'] },
  'dockerHosts.swarm.removeSecret': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmSecret'] },
  'dockerHosts.swarm.inspectSecret': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmSecret'] },
  'dockerHosts.swarm.createConfig': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['group:swarm-configs'] },
  'dockerHosts.swarm.removeConfig': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmConfig'] },
  'dockerHosts.swarm.inspectConfig': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['swarmConfig'] },
  'dockerHosts.registry.add': { where: ['view/title', 'palette', 'programmatic'] },
  'dockerHosts.registry.remove': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['registry'] },
  'dockerHosts.registry.addRepository': { where: ['palette', 'view/item/context', 'programmatic'], nodes: ['registry'] },
  'dockerHosts.registry.refresh': { where: ['view/title', 'palette', 'view/item/context'], nodes: ['registry'] },
  'dockerHosts.registry.pull': { where: ['view/item/context', 'programmatic'], nodes: ['registryTag'] },
  'dockerHosts.registry.deleteTag': { where: ['view/item/context', 'programmatic'], nodes: ['registryTag'] },
  'dockerHosts.registry.copyReference': { where: ['view/item/context', 'programmatic'], nodes: ['registryTag'] },
} as const satisfies Readonly<Record<string, CommandSpec>>;

export type CommandId = keyof typeof TABLE;

export const COMMAND_TABLE: Readonly<Record<CommandId, CommandSpec>> = TABLE;

export const COMMAND_IDS = Object.keys(COMMAND_TABLE) as CommandId[];

/** The argument shapes each location passes; view/title passes the tree's focused node when one has focus. */
export const SHAPES_OF: Readonly<Record<CommandLocation, readonly InvocationShape[]>> = {
  palette: ['none'],
  keybinding: ['none'],
  'view/title': ['none', 'node'],
  'view/item/context': ['node'],
  'explorer/context': ['uri'],
  'editor/title': ['uri'],
  'editor/title/context': ['uri'],
  'editor/context': ['uri'],
  programmatic: ['programmatic'],
};

/** Whether a command accepts an invocation of that shape; options only where it declares 'programmatic'. */
export function acceptsInvocation(spec: CommandSpec, shape: InvocationShape, withOptions: boolean): boolean {
  if (withOptions && !spec.where.includes('programmatic')) {
    return false;
  }
  return spec.where.some((location) => SHAPES_OF[location].includes(shape));
}
