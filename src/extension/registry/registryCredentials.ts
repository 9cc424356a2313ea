import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { credentialsFromDockerConfig, RegistryCredentials, registryOf } from '../../core/engine/registryAuth';

/**
 * Credentials for push and pull: the docker CLI's own (config.json and its credential helpers)
 * where present, else kept in SecretStorage after the user typed them once (never in a file).
 */
export class RegistryCredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async forReference(reference: string, askIfMissing: boolean): Promise<RegistryCredentials | undefined> {
    const registry = registryOf(reference);
    const configDir = process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
    const fromCli = await credentialsFromDockerConfig(registry, configDir).catch(() => undefined);
    if (fromCli) {
      return fromCli;
    }
    const saved = await this.secrets.get(secretKey(registry));
    if (saved) {
      return JSON.parse(saved) as RegistryCredentials;
    }
    return askIfMissing ? this.ask(registry) : undefined;
  }

  /** Forgets stored credentials (after the registry refused them). */
  async forget(reference: string): Promise<void> {
    await this.secrets.delete(secretKey(registryOf(reference)));
  }

  private async ask(registry: string): Promise<RegistryCredentials | undefined> {
    const username = await vscode.window.showInputBox({ title: `Sign in to ${registry}`, prompt: 'User name (leave empty to continue without signing in)' });
    if (!username) {
      return undefined;
    }
    const password = await vscode.window.showInputBox({ title: `Sign in to ${registry}`, prompt: `Password or token for ${username}`, password: true });
    if (password === undefined) {
      return undefined;
    }
    const credentials: RegistryCredentials = { username, password, serveraddress: registry };
    const keep = await vscode.window.showQuickPick(['Remember in VS Code secret storage', 'Use once'], { title: 'Remember these credentials?' });
    if (keep?.startsWith('Remember')) {
      await this.secrets.store(secretKey(registry), JSON.stringify(credentials));
    }
    return credentials;
  }
}

function secretKey(registry: string): string {
  return `dockerHosts.registry.${registry}`;
}
