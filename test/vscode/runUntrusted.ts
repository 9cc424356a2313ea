// Runs the untrusted-repository suite: real VS Code (code-server) with workspace trust on, opening
// a folder that is not trusted and whose .vscode/settings.json points the SSH settings at its own
// files (a ProxyCommand, a known_hosts line that trusts any key), sets the request timeout to 0
// and turns confirmations off. The suite checks, inside the extension host, that none of it counts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordTier, runTier } from '../support/summary';
import { HOSTB } from '../support/testHosts';
import { launchBrowser, PROJECT_DIR, startCodeServer, testWorkbenchUrl, waitForSuiteResults } from './codeServer';

const SUITE_TIMEOUT_MS = 2 * 60_000;

/** What the repository says, for the suite to compare against (passed in DOCKER_HOSTS_HOSTILE_REPO). */
export interface HostileRepository {
  readonly folder: string;
  readonly configFile: string;
  readonly knownHostsFile: string;
  /** Created by the repository's ProxyCommand if ssh ever reads its config. */
  readonly marker: string;
  /** The user's own setting, which must win. */
  readonly userKnownHostsFile: string;
  readonly userTimeoutSeconds: number;
}

function hostileRepository(): HostileRepository {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'dh-hostile-repo-'));
  const vscodeDir = path.join(folder, '.vscode');
  mkdirSync(vscodeDir);
  const repo: HostileRepository = {
    folder,
    configFile: path.join(vscodeDir, 'ssh_config'),
    knownHostsFile: path.join(vscodeDir, 'known_hosts'),
    marker: path.join(folder, 'proxycommand-ran'),
    userKnownHostsFile: HOSTB.ssh.knownHostsPath,
    userTimeoutSeconds: 5,
  };
  writeFileSync(repo.configFile, `Host *\n  ProxyCommand touch ${repo.marker}\n`);
  // "Any host has this key": a key that is not host B's, so using this file would refuse host B.
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(vscodeDir, 'any_host_key')]);
  const anyKey = readFileSync(path.join(vscodeDir, 'any_host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(repo.knownHostsFile, `* ${anyKey}\n`);
  writeFileSync(path.join(vscodeDir, 'settings.json'), JSON.stringify({
    'dockerHosts.ssh.configFile': repo.configFile,
    'dockerHosts.ssh.knownHostsFile': repo.knownHostsFile,
    'dockerHosts.requestTimeoutSeconds': 0,
    'dockerHosts.confirmDestructiveActions': false,
    // A harmless setting, to show the repository's settings are in effect at all.
    'dockerHosts.images.sortBy': 'size',
  }, undefined, 2));
  return repo;
}

async function main(): Promise<number> {
  const resultsFile = path.join(PROJECT_DIR, 'artifacts', 'vscode-untrusted-results.json');
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  rmSync(resultsFile, { force: true });
  const repo = hostileRepository();
  const server = await startCodeServer({
    env: { DOCKER_HOSTS_TEST_RESULTS: resultsFile, DOCKER_HOSTS_HOSTILE_REPO: JSON.stringify(repo) },
    trust: false,
    workspace: repo.folder,
    userSettings: {
      // Restricted Mode without the modal question; the folder stays untrusted.
      'security.workspace.trust.startupPrompt': 'never',
      'dockerHosts.ssh.knownHostsFile': repo.userKnownHostsFile,
      'dockerHosts.requestTimeoutSeconds': repo.userTimeoutSeconds,
    },
  });
  const browser = await launchBrowser();
  try {
    console.log(`Untrusted-repository suite in code-server ${server.url} (log: ${server.dir}/code-server.log)`);
    const page = await browser.newPage();
    await page.goto(testWorkbenchUrl(server, PROJECT_DIR, path.join(__dirname, 'untrusted', 'index.js')));
    const result = await waitForSuiteResults(resultsFile, SUITE_TIMEOUT_MS);
    console.log(result.lines.join('\n'));
    recordTier({ tier: 'untrusted', passed: result.passed, failed: result.failed, skipped: 0 });
    if (result.passed + result.failed === 0) {
      throw new Error('the untrusted-repository suite ran no test');
    }
    return result.failed === 0 ? 0 : 1;
  } finally {
    await browser.close();
    server.stop();
    rmSync(repo.folder, { recursive: true, force: true });
  }
}

runTier('untrusted', main);
