import { Client } from 'ssh2';

/** Writes one file over SFTP with the given mode; abort ends the SFTP session. */
export function sftpWriteFile(client: Client, remotePath: string, content: string | Buffer, mode: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    client.sftp((error, sftp) => {
      if (error) {
        reject(new Error(`the host refused SFTP (${error.message}); provisioning uploads its certificates over SFTP`));
        return;
      }
      let settled = false;
      const finish = (failure?: unknown): void => {
        if (settled) {
          return;
        }
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        sftp.end();
        if (failure) {
          reject(failure instanceof Error ? failure : new Error(String(failure)));
        } else {
          resolve();
        }
      };
      const onAbort = (): void => finish(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      sftp.on('error', (e: Error) => finish(e));
      sftp.writeFile(remotePath, content, { mode }, (e) => finish(e ? new Error(`could not write ${remotePath} over SFTP: ${e.message}`) : undefined));
    });
  });
}
