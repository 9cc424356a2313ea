import { RemoteCommandResult } from '../ssh/remoteCommand';

/** What provisioning needs of a host: commands and file uploads (an SshConnection does both). */
export interface RemoteHost {
  exec(command: string, signal?: AbortSignal): Promise<RemoteCommandResult>;
  writeFile(remotePath: string, content: string | Buffer, mode: number, signal?: AbortSignal): Promise<void>;
}
