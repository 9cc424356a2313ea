import * as vscode from 'vscode';
import { runImage, runInteractive } from '../../../core/engine/operations/imageOperations';
import { parsePort, RunSpec } from '../../../core/engine/operations/runSpec';
import { splitShellWords } from '../../../core/util/shellWords';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { openEngineTerminal } from '../../terminals/engineTerminal';
import { resolveResources } from '../resolveResources';
import { InputStep, MultiStepInput } from '../../ui/multiStepInput';

/** Run…: a short wizard with what `docker run` users set; Escape at any step cancels. */
export async function runImageCommand(services: Services, nodes: readonly TreeNode[], given?: Partial<RunSpec>): Promise<string | undefined> {
  const [target] = await resolveResources(services, 'image', nodes, { verb: 'Run Image', eligible: (i) => i.tag !== undefined });
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
export async function runInteractiveCommand(services: Services, nodes: readonly TreeNode[], command?: string): Promise<vscode.Terminal | undefined> {
  const [target] = await resolveResources(services, 'image', nodes, { verb: 'Run Interactive', eligible: (i) => i.tag !== undefined });
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

/** Run…'s steps; each keeps what was entered, so Back shows it again. */
async function askRunSpec(image: string, networks: string[]): Promise<RunSpec | undefined> {
  const title = (step: string): string => `Run ${image}: ${step}`;
  const list = (value: string): string[] => splitShellWords(value);
  const checkList = (check: (item: string) => void) => (value: string): string | undefined => {
    try {
      list(value).forEach(check);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const answers = { name: '', ports: '', env: '', volumes: '', network: '(default)', command: '', restart: 'no', autoRemove: false };
  const totalSteps = (): number => (answers.restart === 'no' ? 8 : 7);
  const text = (key: 'name' | 'ports' | 'env' | 'volumes' | 'command', step: string, prompt: string, next: InputStep, validate?: (value: string) => string | undefined): InputStep => async (input) => {
    answers[key] = await input.showInputBox({ title: title(step), totalSteps: totalSteps(), prompt, value: answers[key], ...(validate ? { validate } : {}) });
    return next;
  };
  const pick = <T>(step: string, choices: readonly { label: string; value: T }[], current: () => T, set: (value: T) => InputStep | void): InputStep => async (input) => {
    const items = choices.map((choice) => ({ ...choice }));
    const picked = await input.showQuickPick({ title: title(step), totalSteps: totalSteps(), items, active: items.find((item) => item.value === current()) });
    return set(picked.value);
  };
  const whenItStops = pick('when it stops', [{ label: 'Keep when stopped', value: false }, { label: 'Remove when stopped (--rm)', value: true }], () => answers.autoRemove, (value) => {
    answers.autoRemove = value;
  });
  const restart = pick('restart policy', ['no', 'unless-stopped', 'always', 'on-failure'].map((value) => ({ label: value, value })), () => answers.restart, (value) => {
    answers.restart = value;
    return value === 'no' ? whenItStops : undefined;
  });
  const command = text('command', 'command', "Command line (empty: the image's own)", restart);
  const network = pick('network', ['(default)', ...networks].map((value) => ({ label: value, value })), () => answers.network, (value) => {
    answers.network = value;
    return command;
  });
  const volumes = text('volumes', 'volumes and binds', 'Space-separated volume:/path or /host/path:/path[:ro]', network);
  const env = text('env', 'environment', 'Space-separated NAME=value; quote values with spaces: "GREETING=hello world"', volumes, checkList((e) => {
    if (!/^[^=\s]+=/.test(e)) throw new Error(`"${e}" is not NAME=value`);
  }));
  const ports = text('ports', 'published ports', 'Space-separated, e.g. 8080:80 127.0.0.1:5432:5432 9000/udp', env, checkList(parsePort));
  const name = text('name', 'name', 'Container name (empty: the engine picks one)', ports);
  if (!(await MultiStepInput.run(name))) {
    return undefined;
  }
  return {
    image,
    ...(answers.name ? { name: answers.name } : {}),
    ports: list(answers.ports),
    env: list(answers.env),
    volumes: list(answers.volumes),
    ...(answers.network !== '(default)' ? { network: answers.network } : {}),
    ...(answers.command ? { command: answers.command } : {}),
    restart: answers.restart as RunSpec['restart'],
    autoRemove: answers.restart === 'no' && answers.autoRemove,
  };
}
