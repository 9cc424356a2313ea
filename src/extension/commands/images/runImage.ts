import * as vscode from 'vscode';
import { runImage, runInteractive } from '../../../core/engine/operations/imageOperations';
import { parsePort, RunSpec, splitCommandLine } from '../../../core/engine/operations/runSpec';
import { Services } from '../../services';
import { openEngineTerminal } from '../../terminals/engineTerminal';
import { resolveResources } from '../resolveResources';

/** Run…: a short wizard with what `docker run` users set; Escape at any step cancels. */
export async function runImageCommand(services: Services, node?: unknown, given?: Partial<RunSpec>): Promise<string | undefined> {
  const [target] = await resolveResources(services, 'image', node, undefined, { verb: 'Run Image', eligible: (i) => i.tag !== undefined });
  if (!target?.info.tag) {
    return undefined;
  }
  const spec = given ? { ...given, image: target.info.tag } : await askRunSpec(target.info.tag, await networkNames(target.session));
  if (!spec) {
    return undefined;
  }
  const id = await runImage(target.session.engine, spec);
  void vscode.window.showInformationMessage(`Started ${spec.name ?? id.slice(0, 12)} from ${target.info.tag} on ${target.session.machine.name}.`);
  return id;
}

/** Run Interactive: docker run -it in a terminal; the container is removed when the process ends. */
export async function runInteractiveCommand(services: Services, node?: unknown, command?: string): Promise<vscode.Terminal | undefined> {
  const [target] = await resolveResources(services, 'image', node, undefined, { verb: 'Run Interactive', eligible: (i) => i.tag !== undefined });
  if (!target?.info.tag) {
    return undefined;
  }
  const image = target.info.tag;
  return openEngineTerminal(`run: ${image}`, async (session) => {
    const size = session.dimensions ?? { columns: 80, rows: 24 };
    const run = await runInteractive(target.session.engine, { image, autoRemove: true, ...(command ? { command } : {}) }, size);
    session.onInput((data) => run.stream.write(data));
    session.onResize((d) => void run.resize(d.columns, d.rows));
    session.signal.addEventListener('abort', () => run.stream.destroy(), { once: true });
    run.stream.on('data', (chunk: Buffer) => session.write(chunk.toString('utf8')));
    return run.exitCode();
  });
}

async function networkNames(session: { list(kind: 'network'): Promise<{ name: string }[]> }): Promise<string[]> {
  return (await session.list('network').catch(() => [])).map((n) => n.name);
}

async function askRunSpec(image: string, networks: string[]): Promise<RunSpec | undefined> {
  const title = (step: string): string => `Run ${image}: ${step}`;
  const list = (value: string): string[] => splitCommandLine(value);
  const checkList = (check: (item: string) => void) => (value: string): string | undefined => {
    try {
      list(value).forEach(check);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const name = await vscode.window.showInputBox({ title: title('name'), prompt: 'Container name (empty: the engine picks one)' });
  if (name === undefined) return undefined;
  const ports = await vscode.window.showInputBox({ title: title('published ports'), prompt: 'Space-separated, e.g. 8080:80 127.0.0.1:5432:5432 9000/udp', validateInput: checkList(parsePort) });
  if (ports === undefined) return undefined;
  const env = await vscode.window.showInputBox({ title: title('environment'), prompt: 'Space-separated NAME=value; quote values with spaces: "GREETING=hello world"', validateInput: checkList((e) => { if (!/^[^=\s]+=/.test(e)) throw new Error(`"${e}" is not NAME=value`); }) });
  if (env === undefined) return undefined;
  const volumes = await vscode.window.showInputBox({ title: title('volumes and binds'), prompt: 'Space-separated volume:/path or /host/path:/path[:ro]' });
  if (volumes === undefined) return undefined;
  const network = await vscode.window.showQuickPick(['(default)', ...networks], { title: title('network') });
  if (network === undefined) return undefined;
  const command = await vscode.window.showInputBox({ title: title('command'), prompt: "Command line (empty: the image's own)" });
  if (command === undefined) return undefined;
  const restart = await vscode.window.showQuickPick(['no', 'unless-stopped', 'always', 'on-failure'], { title: title('restart policy') });
  if (restart === undefined) return undefined;
  const autoRemove = restart === 'no' ? await vscode.window.showQuickPick(['Keep when stopped', 'Remove when stopped (--rm)'], { title: title('when it stops') }) : 'Keep when stopped';
  if (autoRemove === undefined) return undefined;
  return {
    image,
    ...(name ? { name } : {}),
    ports: list(ports),
    env: list(env),
    volumes: list(volumes),
    ...(network !== '(default)' ? { network } : {}),
    ...(command ? { command } : {}),
    restart: restart as RunSpec['restart'],
    autoRemove: autoRemove.startsWith('Remove'),
  };
}
