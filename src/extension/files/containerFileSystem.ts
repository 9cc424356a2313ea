import * as vscode from 'vscode';
import { ContainerFiles, ContainerFileStat } from '../../core/containerFiles/containerFiles';
import { EngineClient } from '../../core/engine/engineClient';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { ContainerAddress, containerAuthority, CONTAINER_SCHEME, parseContainerAuthority } from './containerUri';
import { toFileSystemError } from './fileSystemErrors';

/** The URI of a path in a container of a machine. */
export function containerFileUri(address: ContainerAddress, containerPath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CONTAINER_SCHEME, authority: containerAuthority(address), path: containerPath.startsWith('/') ? containerPath : `/${containerPath}` });
}

export function containerAddressOf(uri: vscode.Uri): ContainerAddress {
  const address = uri.scheme === CONTAINER_SCHEME ? parseContainerAuthority(uri.authority) : undefined;
  if (!address) {
    throw vscode.FileSystemError.FileNotFound(`${uri.toString()} does not name a container of Docker Hosts`);
  }
  return address;
}

/**
 * Files in containers as a file system (scheme docker-hosts-container), on any machine of the
 * tree: the Engine API's archive endpoints carry reads and writes (see core/containerFiles).
 * Nothing watches the container: Refresh (or reopening) shows changes other processes made, and
 * a save over a file changed meanwhile is caught by VS Code from stat's mtime and size.
 */
export class ContainerFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly containers = new Map<string, { engine: EngineClient; files: ContainerFiles }>();

  constructor(private readonly registry: MachineRegistry) {}

  /** The container's files, for commands that need more than the provider's methods (Download). */
  filesOf(uri: vscode.Uri): { files: ContainerFiles; engine: EngineClient; address: ContainerAddress } {
    const address = containerAddressOf(uri);
    const session = this.registry.get(address.machineId);
    if (!session) {
      throw vscode.FileSystemError.Unavailable(`The machine of ${uri.path} is no longer in the Docker Hosts tree`);
    }
    let engine: EngineClient;
    try {
      engine = session.engine;
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(`${session.machine.name} cannot be reached: ${(error as Error).message}`);
    }
    const key = `${address.machineId}\0${address.containerId}`;
    let entry = this.containers.get(key);
    if (!entry || entry.engine !== engine) {
      entry = { engine, files: new ContainerFiles(engine, address.containerId) };
      this.containers.set(key, entry);
    }
    return { files: entry.files, engine, address };
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.run(uri, async (files) => toFileStat(await files.stat(uri.path)));
  }

  readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.run(uri, async (files) => (await files.list(uri.path)).map((entry) => [entry.name, fileType(entry.type, entry.link)]));
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, (files) => files.read(uri.path));
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): Promise<void> {
    return this.run(uri, async (files) => {
      const existed = await files.stat(uri.path).then(() => true, () => false);
      await files.write(uri.path, content, options);
      this.changes.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  createDirectory(uri: vscode.Uri): Promise<void> {
    return this.run(uri, async (files) => {
      await files.createDirectory(uri.path);
      this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
    });
  }

  delete(uri: vscode.Uri, options: { readonly recursive: boolean }): Promise<void> {
    return this.run(uri, async (files) => {
      await files.delete(uri.path, options);
      this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    });
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { readonly overwrite: boolean }): Promise<void> {
    if (oldUri.authority !== newUri.authority) {
      throw vscode.FileSystemError.NoPermissions('Files can be renamed within one container only');
    }
    return this.run(oldUri, async (files) => {
      await files.rename(oldUri.path, newUri.path, options);
      this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri: oldUri }, { type: vscode.FileChangeType.Created, uri: newUri }]);
    });
  }

  /**
   * Refresh: what inspect said is forgotten, and open editors of files under `uri` are told their
   * file may have changed (VS Code re-reads those without unsaved edits, keeps those with).
   */
  refresh(uri: vscode.Uri): void {
    const address = parseContainerAuthority(uri.authority);
    if (address) {
      this.containers.get(`${address.machineId}\0${address.containerId}`)?.files.forgetFacts();
    }
    const prefix = uri.path === '/' ? '/' : `${uri.path}/`;
    const open = vscode.workspace.textDocuments
      .map((document) => document.uri)
      .filter((doc) => doc.scheme === uri.scheme && doc.authority === uri.authority && (doc.path === uri.path || doc.path.startsWith(prefix)));
    this.changes.fire([uri, ...open].map((changed) => ({ type: vscode.FileChangeType.Changed, uri: changed })));
  }

  dispose(): void {
    this.changes.dispose();
    this.containers.clear();
  }

  private async run<T>(uri: vscode.Uri, work: (files: ContainerFiles) => Promise<T>): Promise<T> {
    const { files } = this.filesOf(uri);
    try {
      return await work(files);
    } catch (error) {
      throw toFileSystemError(error);
    }
  }
}

function fileType(type: ContainerFileStat['type'], link: boolean): vscode.FileType {
  const base = type === 'directory' ? vscode.FileType.Directory : type === 'file' ? vscode.FileType.File : vscode.FileType.Unknown;
  return link ? base | vscode.FileType.SymbolicLink : base;
}

function toFileStat(stat: ContainerFileStat): vscode.FileStat {
  return {
    type: fileType(stat.type, stat.link),
    ctime: stat.mtime,
    mtime: stat.mtime,
    size: stat.size,
    ...(stat.readonly && { permissions: vscode.FilePermission.Readonly }),
  };
}

