// Containers' files in real VS Code against the real engine: the docker-hosts-container file
// system through vscode.workspace.fs and text documents, the Files nodes of the tree, and the file
// commands run the way the context menu runs them (node, selected nodes).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerHostsApi } from '../../../src/extension/api';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { cleanUp, createContainer, eventually, localDocker, newRunId } from '../../support/engine';
import { localGroup } from './localGroups';

const docker = localDocker();
const runId = newRunId();
let api: DockerHostsApi;

/** The container's view of a file (the engine's archive, not the code under test). */
async function inContainer(id: string, file: string): Promise<string | undefined> {
  const exec = await docker.getContainer(id).exec({ Cmd: ['cat', file], AttachStdout: true, AttachStderr: false, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true } as never);
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', resolve);
  });
  const code = (await exec.inspect()).ExitCode;
  return code === 0 ? Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n') : undefined;
}

async function shIn(id: string, script: string): Promise<void> {
  const exec = await docker.getContainer(id).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true } as never);
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.resume();
  });
}

const label = (node: TreeNode): string => String(node.getTreeItem().label);

async function child(parent: TreeNode, name: string): Promise<TreeNode> {
  return eventually(`${name} under ${label(parent)}`, 10_000, async () => (await api.treeDataProvider.getChildren(parent)).find((n) => label(n) === name));
}

async function filesNode(containerName: string): Promise<TreeNode> {
  const group = await localGroup(api, 'Containers');
  const container = await eventually(`node ${containerName}`, 10_000, async () => (await api.treeDataProvider.getChildren(group)).find((n) => label(n) === containerName));
  return child(container, 'Files');
}

function uriOf(node: TreeNode): vscode.Uri {
  const uri = node.getTreeItem().resourceUri ?? (node as unknown as { uri?: vscode.Uri }).uri;
  assert.ok(uri, `${label(node)} has a URI`);
  return uri;
}

describe('Container files', function () {
  this.timeout(120_000);
  const running = `dh-files-${runId}`;
  const readonly = `dh-files-ro-${runId}`;
  let id: string;
  let roId: string;
  let root: vscode.Uri;

  before(async () => {
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
    const c = await createContainer(docker, runId, running, { Cmd: ['sh', '-c', 'mkdir -p /work/sub && echo hello > /work/a.txt && ln -s /work/a.txt /work/link && exec sleep 600'] });
    await c.start();
    id = c.id;
    const ro = await createContainer(docker, runId, readonly, { HostConfig: { ReadonlyRootfs: true } } as never);
    await ro.start();
    roId = ro.id;
    await eventually('/work/link in the container', 10_000, async () => ((await inContainer(id, '/work/link')) === 'hello\n' ? true : undefined));
    root = uriOf(await filesNode(running));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cleanUp(docker, runId);
  });

  it('shows Files under a container: folders, files with their type icons, links marked, a click opens the file', async () => {
    const files = await filesNode(running);
    assert.equal(files.getTreeItem().contextValue, 'containerFiles');
    const work = await child(files, 'work');
    assert.equal(work.getTreeItem().contextValue, 'containerFolder');
    const names = (await api.treeDataProvider.getChildren(work)).map(label);
    assert.deepEqual(names, ['sub', 'a.txt', 'link']);
    const file = await child(work, 'a.txt');
    const item = file.getTreeItem();
    assert.equal(item.contextValue, 'containerFile');
    assert.equal(item.resourceUri?.scheme, 'docker-hosts-container', 'resourceUri gives the file icon theme its type');
    assert.equal(item.command?.command, 'vscode.open');
    const link = (await child(work, 'link')).getTreeItem();
    assert.equal(link.contextValue, 'containerFile link');
    assert.equal(link.description, 'link');
  });

  it('reads, stats and lists through vscode.workspace.fs on the scheme', async () => {
    const file = vscode.Uri.joinPath(root, 'work', 'a.txt');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(file)).toString(), 'hello\n');
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, 'work', 'link'));
    assert.equal(stat.type, vscode.FileType.File | vscode.FileType.SymbolicLink);
    assert.equal(stat.size, 6);
    const listing = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, 'work'));
    assert.deepEqual(listing, [['sub', vscode.FileType.Directory], ['a.txt', vscode.FileType.File], ['link', vscode.FileType.File | vscode.FileType.SymbolicLink]]);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(root, 'nope'))), (error: unknown) => error instanceof vscode.FileSystemError && error.code === 'FileNotFound');
  });

  it('opens a file in an editor, and a save writes it into the container', async () => {
    const uri = vscode.Uri.joinPath(root, 'work', 'a.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(1, 0), 'saved from VS Code\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save(), 'saved');
    assert.equal(await inContainer(id, '/work/a.txt'), 'hello\nsaved from VS Code\n');
  });

  it('a file changed in the container and in the editor: the save is refused, the edit stays in the editor, the container keeps the other change', async () => {
    const uri = vscode.Uri.joinPath(root, 'work', 'sub', 'both.txt');
    await shIn(id, 'echo original > /work/sub/both.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await shIn(id, 'sleep 1; echo changed by another process > /work/sub/both.txt');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), 'my edit\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const saved = await document.save();
    assert.equal(saved, false, 'VS Code refuses to overwrite a newer file without asking');
    assert.ok(document.isDirty, 'the unsaved edit is kept');
    assert.equal(document.getText(), 'my edit\noriginal\n');
    assert.equal(await inContainer(id, '/work/sub/both.txt'), 'changed by another process\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a container removed while its file is open with an edit: the save fails, the edit stays, nothing crashes', async () => {
    const doomed = `dh-files-doomed-${runId}`;
    const c = await createContainer(docker, runId, doomed, { Cmd: ['sh', '-c', 'echo before > /f.txt && exec sleep 600'] });
    await c.start();
    await eventually('/f.txt', 10_000, async () => ((await inContainer(c.id, '/f.txt')) ? true : undefined));
    const uri = vscode.Uri.joinPath(uriOf(await filesNode(doomed)), 'f.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await c.remove({ force: true });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), 'unsaved work\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(await document.save(), false);
    assert.ok(document.isDirty);
    assert.equal(document.getText(), 'unsaved work\nbefore\n');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(uri)), /container is gone/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('says read-only plainly: stat carries FilePermission.Readonly and a write is refused with the reason', async () => {
    const roFiles = await filesNode(readonly);
    assert.equal(label((await api.treeDataProvider.getChildren(roFiles))[0] as TreeNode), "Read-only: this container's root file system is mounted read-only");
    assert.ok(!(await api.treeDataProvider.getChildren(await filesNode(running))).some((n) => label(n).startsWith('Read-only')), 'a writable container has no such note');
    const roRoot = uriOf(roFiles);
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(roRoot, 'bin'));
    assert.equal(stat.permissions, vscode.FilePermission.Readonly);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.joinPath(roRoot, 'x.txt'), Buffer.from('x'))), /read-only/);
    assert.equal(await inContainer(roId, '/x.txt'), undefined);
  });

  it('opens a binary file as bytes, and refuses a file above the size cap with a clear message', async () => {
    await shIn(id, 'printf "\\000\\001\\002\\377" > /work/bin.dat; dd if=/dev/zero of=/work/big.bin bs=1048576 count=51 2>/dev/null');
    assert.deepEqual([...(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'work', 'bin.dat')))], [0, 1, 2, 255]);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'work', 'big.bin'))), /51 MB, more than the 50 MB.*Download/);
  });

  it('New File…, New Folder…, Rename…, Delete… (multi-select), on the tree nodes, change the container', async () => {
    const work = await child(await filesNode(running), 'work');
    await vscode.commands.executeCommand('dockerHosts.containerFiles.newFolder', work, [work], scripted({ name: 'made' }));
    const made = await child(work, 'made');
    await vscode.commands.executeCommand('dockerHosts.containerFiles.newFile', made, [made], scripted({ name: 'one.txt' }));
    assert.equal(await inContainer(id, '/work/made/one.txt'), '');
    const one = await child(made, 'one.txt');
    await vscode.commands.executeCommand('dockerHosts.containerFiles.rename', one, [one], scripted({ name: 'two.txt' }));
    assert.equal(await inContainer(id, '/work/made/one.txt'), undefined);
    assert.equal(await inContainer(id, '/work/made/two.txt'), '');
    await vscode.commands.executeCommand('dockerHosts.containerFiles.newFile', made, [made], scripted({ name: 'three.txt' }));
    const [two, three] = [await child(made, 'two.txt'), await child(made, 'three.txt')];
    await vscode.commands.executeCommand('dockerHosts.containerFiles.delete', two, [two, three], scripted({ confirmed: true }));
    assert.equal(await inContainer(id, '/work/made/two.txt'), undefined);
    assert.equal(await inContainer(id, '/work/made/three.txt'), undefined);
    assert.deepEqual((await api.treeDataProvider.getChildren(made)).map(label), ['Empty folder']);
  });

  it('Download… copies to a local folder, Upload… copies into the container, Refresh shows what others changed', async () => {
    const work = await child(await filesNode(running), 'work');
    const local = mkdtempSync(path.join(os.tmpdir(), 'dh-files-'));
    const a = await child(work, 'a.txt');
    const downloaded = await vscode.commands.executeCommand<string>('dockerHosts.containerFiles.download', a, [a], scripted({ directory: local }));
    assert.equal(downloaded, path.join(local, 'a.txt'));
    assert.equal(readFileSync(path.join(local, 'a.txt'), 'utf8'), 'hello\nsaved from VS Code\n');
    const source = path.join(local, 'up.txt');
    writeFileSync(source, 'uploaded\n');
    await vscode.commands.executeCommand('dockerHosts.containerFiles.upload', work, [work], scripted({ localPaths: [source] }));
    assert.equal(await inContainer(id, '/work/up.txt'), 'uploaded\n');
    await shIn(id, 'echo x > /work/by-someone-else.txt');
    await vscode.commands.executeCommand('dockerHosts.containerFiles.refresh', work, [work]);
    await child(work, 'by-someone-else.txt');
  });

  it('Refresh re-reads an open file another process changed (an editor without unsaved edits follows)', async () => {
    await shIn(id, 'echo version one > /work/sub/followed.txt');
    const uri = vscode.Uri.joinPath(root, 'work', 'sub', 'followed.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.getText(), 'version one\n');
    await shIn(id, 'sleep 1; echo version two > /work/sub/followed.txt');
    const sub = await child(await child(await filesNode(running), 'work'), 'sub');
    await vscode.commands.executeCommand('dockerHosts.containerFiles.refresh', sub, [sub]);
    await eventually('the editor to show the new content', 20_000, () => (document.getText() === 'version two\n' ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows the Files of a stopped container (from its archive); Delete there says the container must run, and deletes nothing', async () => {
    const name = `dh-files-stopped-${runId}`;
    const c = await createContainer(docker, runId, name, { Cmd: ['sh', '-c', 'echo kept > /kept.txt'] });
    await c.start();
    await c.wait();
    const files = await filesNode(name);
    const kept = await child(files, 'kept.txt');
    assert.ok((await api.treeDataProvider.getChildren(files)).some((n) => label(n) === 'bin'));
    assert.equal(await vscode.commands.executeCommand('dockerHosts.containerFiles.delete', kept, [kept], scripted({ confirmed: true })), undefined, 'the command guard turned the refusal into a message');
    assert.ok(await c.infoArchive({ path: '/kept.txt' }).then(() => true, () => false), '/kept.txt is still there');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.delete(uriOf(kept))), /not running.*Start the container/);
  });

  it('refuses a command run on something that is not a file or folder of a container', async () => {
    const group = await localGroup(api, 'Containers');
    // The command guard turns the refusal into a message; the handler's own check is what runs.
    assert.equal(await vscode.commands.executeCommand('dockerHosts.containerFiles.delete', group, [group], scripted({ confirmed: true })), undefined);
    assert.equal(await inContainer(id, '/work/a.txt'), 'hello\nsaved from VS Code\n', 'nothing was deleted');
  });
});
