// Starts a private code-server (real VS Code 1.100: workbench in the browser, extension host on
// Node) and a headless Debian Chromium driven by playwright-core.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import type { SuiteResult } from './suite';

export const PROJECT_DIR = path.resolve(__dirname, '../../..');
const CODE_SERVER_BIN = process.env.CODE_SERVER_BIN ?? path.join(os.homedir(), '.cache/docker-hosts/code-server-4.100.3/node_modules/.bin/code-server');

export interface CodeServer {
  readonly url: string;
  readonly dir: string;
  readonly workspace: string;
  stop(): void;
}

export interface CodeServerOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly vsix?: string;
  /**
   * false: workspace trust stays on and the workspace folder is not trusted, so the window runs
   * in Restricted Mode (the default turns trust off, as most suites need a trusted window).
   */
  readonly trust?: false;
  /** The user's settings.json, written before the workbench starts. */
  readonly userSettings?: Record<string, unknown>;
  /** The folder to open (a repository the test prepared); by default a new empty one. */
  readonly workspace?: string;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-vscode-'));
  const dirs = { userData: path.join(dir, 'user-data'), extensions: path.join(dir, 'extensions'), workspace: options.workspace ?? path.join(dir, 'workspace') };
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  if (options.userSettings) {
    mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(options.userSettings, undefined, 2));
  }
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (options.vsix) {
    const install = spawnSync(CODE_SERVER_BIN, [...common, '--install-extension', options.vsix], { encoding: 'utf8' });
    if (install.status !== 0) {
      throw new Error(`installing ${options.vsix} failed: ${install.stderr}${install.stdout}`);
    }
  }
  const port = await freePort();
  const log = openSync(path.join(dir, 'code-server.log'), 'a');
  const child: ChildProcess = spawn(
    CODE_SERVER_BIN,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', ...(options.trust === false ? [] : ['--disable-workspace-trust']), ...common, dirs.workspace],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', log, log], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, 30_000);
  return {
    url,
    dir,
    workspace: dirs.workspace,
    stop: () => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    // Without these, Chromium keeps dialling Google services that this closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The workbench URL that makes VS Code load an extension under development and run a test suite. */
export function testWorkbenchUrl(server: CodeServer, extensionDir: string, testsEntry: string): string {
  const remote = (p: string): string => `vscode-remote://${new URL(server.url).host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(testsEntry)],
  ];
  return `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${ms} ms`);
}

/** The outcome the suite's index.ts writes when its tests are done. */
export async function waitForSuiteResults(file: string, ms: number): Promise<SuiteResult> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      return JSON.parse(readFileSync(file, 'utf8')) as SuiteResult;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no results from the VS Code suite within ${Math.round(ms / 1000)} s`);
}
