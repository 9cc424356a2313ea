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

  forReference(reference: string, askIfMissing: boolean): Promise<RegistryCredentials | undefined> {
    return this.forRegistry(registryOf(reference), askIfMissing);
  }

  /** Credentials for a registry as registryOf names it (Docker Hub's index URL, else the host). */
  async forRegistry(registry: string, askIfMissing: boolean): Promise<RegistryCredentials | undefined> {
    const configDir = process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
    // A broken credential helper is the user's to know about; saved or typed credentials still work.
    const fromCli = await credentialsFromDockerConfig(registry, configDir).catch((error: unknown) => {
      void vscode.window.showWarningMessage(`Docker's credentials for ${registry} could not be read: ${(error as Error).message ?? String(error)}`);
      return undefined;
    });
    if (fromCli) {
      return fromCli;
    }
    const saved = await this.secrets.get(secretKey(registry));
    if (saved) {
      return JSON.parse(saved) as RegistryCredentials;
    }
    return askIfMissing ? this.ask(registry) : undefined;
  }

  /** Credentials for a registry host as BuildKit names it (Docker Hub's is registry-1.docker.io); never asks. */
  forHost(host: string): Promise<RegistryCredentials | undefined> {
    const hub = host === 'registry-1.docker.io' || host === 'docker.io' || host === 'index.docker.io';
    return this.forReference(hub ? 'library/image' : `${host}/image`, false);
  }

  /** What the user saved in SecretStorage for a registry (as registryOf names it), without looking at docker's config. */
  async saved(registry: string): Promise<RegistryCredentials | undefined> {
    const saved = await this.secrets.get(secretKey(registry));
    return saved ? (JSON.parse(saved) as RegistryCredentials) : undefined;
  }

  /** Keeps credentials in SecretStorage, where pulls and pushes of that registry find them too. */
  async remember(credentials: RegistryCredentials): Promise<void> {
    await this.secrets.store(secretKey(credentials.serveraddress), JSON.stringify(credentials));
  }

  async forgetRegistry(registry: string): Promise<void> {
    await this.secrets.delete(secretKey(registry));
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
