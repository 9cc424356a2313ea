// Benchmark (not a test): what provisioning host C costs, against an anchor in the same run.
//   anchor: one OpenSSH command that checks the engine by hand (`ssh root@hostc docker version`),
//   (a) a full provisioning of a pristine host (probe, certificate, backups, upload, restart, TLS),
//   (b) provisioning an already provisioned host (every check, nothing written, no restart),
// Five rounds each, interleaved; medians. Host C is reset before each (a).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createAuthority } from '../../src/core/provision/certificates';
import { provisionHost, ProvisionRequest } from '../../src/core/provision/provisioner';
import { SshConnection } from '../../src/core/ssh/sshConnection';
import { NON_INTERACTIVE } from '../../src/core/ssh/sshInteraction';
import { HOSTC, resetHostC } from '../support/hostC';
import { fmt, median, timeMs } from './benchSupport';

const ROUNDS = 5;
const run = promisify(execFile);

async function main(): Promise<void> {
  const authority = createAuthority('bench CA');
  const request: ProvisionRequest = { address: HOSTC.address, user: 'root', enginePort: 2376, extraNames: [], authority };
  const ssh = ['-i', HOSTC.ssh.privateKeyPath, '-o', `UserKnownHostsFile=${HOSTC.ssh.knownHostsPath}`, '-o', 'BatchMode=yes', `root@${HOSTC.address}`, 'docker', 'version', '--format', '{{.Server.Version}}'];
  const samples = { anchor: [] as number[], fresh: [] as number[], again: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    await resetHostC();
    samples.anchor.push(await timeMs(() => run('ssh', ssh)));
    const connection = new SshConnection(
      { host: HOSTC.address, user: 'root', identityFiles: [HOSTC.ssh.privateKeyPath] },
      { interaction: NON_INTERACTIVE, configFiles: [], knownHostsFiles: [HOSTC.ssh.knownHostsPath], agentSocket: false },
    );
    try {
      samples.fresh.push(await timeMs(() => provisionHost(connection, request, () => undefined)));
      samples.again.push(await timeMs(() => provisionHost(connection, request, () => undefined)));
    } finally {
      connection.dispose();
    }
  }
  await resetHostC();
  const anchor = median(samples.anchor);
  console.log(`anchor  ssh root@hostc docker version           median ${fmt(anchor)}`);
  console.log(`(a)     provision a pristine host               median ${fmt(median(samples.fresh))}  = ${(median(samples.fresh) / anchor).toFixed(1)}x anchor`);
  console.log(`(b)     provision it again (nothing to change)  median ${fmt(median(samples.again))}  = ${(median(samples.again) / anchor).toFixed(1)}x anchor`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
