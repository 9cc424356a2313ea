// The generic driver's provisioning against a real host: host C (scripts/provision-host.sh) is a
// Linux host in its own network and mount namespaces with its own sshd and a dockerd that runs
// without an init system and listens only on its unix socket. These tests provision it over SSH
// and prove what the issue asks: TLS with our client certificate and nothing without it; a
// second run changes nothing; certificates can be regenerated; an address the certificate does
// not name is detected and repaired; a failed restart leaves the host's files as they were; and
// hostile text from the host (a daemon label with quotes, $() and a newline) survives, unrun.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { certificateMismatch, PROVISIONED } from '../../../src/core/machines/drivers/genericDriver';
import { StoredMachine } from '../../../src/core/machines/machineStore';
import { createAuthority, describeCertificate, TlsAuthority } from '../../../src/core/provision/certificates';
import { deprovisionHost, ProgressReport, provisionHost, ProvisionRequest } from '../../../src/core/provision/provisioner';
import { provisionedEndpoint } from '../../../src/core/provision/tlsEngineCheck';
import { SshConnection } from '../../../src/core/ssh/sshConnection';
import { NON_INTERACTIVE } from '../../../src/core/ssh/sshInteraction';
import { HOSTC, hostCDockerdCommandLine, HOSTILE_LABEL, HOSTILE_MARKER, inHostC, resetHostC } from '../../support/hostC';

const ENGINE_PORT = 2376;
const CLIENT_CERT_REFUSED = ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'];

function connectionTo(address: string, user: string = HOSTC.ssh.username): SshConnection {
  return new SshConnection(
    { host: address, port: HOSTC.ssh.port, user, identityFiles: [HOSTC.ssh.privateKeyPath] },
    { interaction: NON_INTERACTIVE, configFiles: [], knownHostsFiles: [HOSTC.ssh.knownHostsPath], agentSocket: false, connectTimeoutMs: 10_000 },
  );
}

function tlsClient(address: string, authority: TlsAuthority, withClientCertificate = true): EngineClient {
  const endpoint = provisionedEndpoint(address, ENGINE_PORT, authority);
  if (endpoint.kind !== 'tcp' || !endpoint.tls) {
    throw new Error('not a TLS endpoint');
  }
  const tls = withClientCertificate ? endpoint.tls : { verify: true, caPem: authority.caCert };
  return new EngineClient({ ...endpoint, tls }, { requestTimeoutMs: 10_000 });
}

async function engineFails(client: EngineClient): Promise<unknown> {
  try {
    await client.version();
  } catch (error) {
    return (error as { code?: unknown }).code;
  } finally {
    client.dispose();
  }
  return undefined;
}

async function versionOver(client: EngineClient): Promise<string> {
  try {
    return (await client.version()).version;
  } finally {
    client.dispose();
  }
}

const hostFile = (remotePath: string): string => path.join(HOSTC.etcDockerDir, path.relative('/etc/docker', remotePath));
const read = (remotePath: string): Promise<string> => fs.readFile(hostFile(remotePath), 'utf8');

async function snapshotOfHost(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else {
        files[path.relative(HOSTC.etcDockerDir, full)] = `${statSync(full).mtimeMs} ${await fs.readFile(full, 'utf8')}`;
      }
    }
  };
  await walk(HOSTC.etcDockerDir);
  return files;
}

async function dockerdPid(): Promise<string> {
  return (await inHostC(['cat', '/var/run/docker.pid'])).stdout.trim();
}

describe('Generic driver: provisioning host C over SSH (no init system, Docker already installed)', function () {
  this.timeout(180_000);
  const authority = createAuthority('Docker Hosts test CA');
  const steps: string[] = [];
  const report: ProgressReport = (step, message) => steps.push(`${step}: ${message}`);
  let connection: SshConnection;
  let originalCommandLine: string[];

  const request = (extra: Partial<ProvisionRequest> = {}): ProvisionRequest => ({
    address: HOSTC.address,
    user: 'root',
    enginePort: ENGINE_PORT,
    extraNames: ['hostc.test'],
    authority,
    engineTimeoutMs: 40_000,
    ...extra,
  });

  before(async () => {
    await resetHostC();
    originalCommandLine = await hostCDockerdCommandLine();
    connection = connectionTo(HOSTC.address);
  });

  afterEach(() => {
    assert.equal(existsSync(HOSTILE_MARKER), false, `the label text never ran as a command (${HOSTILE_MARKER} does not exist)`);
  });

  after(async () => {
    connection?.dispose();
    await resetHostC();
  });

  it('provisions: the engine answers over TLS with our client certificate, refuses one without, and keeps its images and label', async () => {
    assert.equal(existsSync(hostFile('/etc/docker/daemon.json')), false, 'host C starts without a daemon.json');
    assert.ok(await engineFails(tlsClient(HOSTC.address, authority)), 'nothing listens on the TLS port before provisioning');

    const result = await provisionHost(connection, request(), report);

    assert.equal(result.changed, true);
    assert.equal(result.facts.init, 'none', 'host C has no init system');
    assert.equal(result.facts.hostname, HOSTC.hostName);
    assert.ok(result.certificate.names.includes(HOSTC.address) && result.certificate.names.includes(HOSTC.hostName) && result.certificate.names.includes('hostc.test'), `certificate names: ${result.certificate.names.join(', ')}`);
    const client = tlsClient(HOSTC.address, authority);
    try {
      const images = await client.listImages();
      assert.ok(images.some((image) => image.tag?.startsWith('docker-hosts/busybox')), 'the image host C had is still there');
      const info = (await client.call((d) => d.info())) as { Labels?: string[] };
      assert.ok(info.Labels?.includes(HOSTILE_LABEL), `the daemon label survived the restart verbatim: ${JSON.stringify(info.Labels)}`);
    } finally {
      client.dispose();
    }
    assert.ok(CLIENT_CERT_REFUSED.includes(String(await engineFails(tlsClient(HOSTC.address, authority, false)))), 'a client without a certificate is refused');
    const otherAuthority = createAuthority('unrelated');
    assert.ok(await engineFails(tlsClient(HOSTC.address, otherAuthority)), 'a client certificate from another CA is refused');

    const daemonJson = JSON.parse(await read('/etc/docker/daemon.json')) as { hosts: string[]; tlsverify: boolean };
    assert.deepEqual(daemonJson.hosts, ['unix:///var/run/docker.sock', `tcp://0.0.0.0:${ENGINE_PORT}`]);
    assert.equal(daemonJson.tlsverify, true);
    assert.equal(statSync(hostFile('/etc/docker/docker-hosts/server-key.pem')).mode & 0o777, 0o600, 'the server key is readable by root only');
    assert.deepEqual(await hostCDockerdCommandLine(), originalCommandLine, 'dockerd runs with its original command line (listeners and TLS come from daemon.json)');
    assert.equal((await inHostC(['docker', 'version', '--format', '{{.Server.Version}}'])).code, 0, 'the unix socket still answers on the host');
  });

  it('a second provisioning changes nothing: same files, same dockerd process', async () => {
    const files = await snapshotOfHost();
    const pid = await dockerdPid();

    const result = await provisionHost(connection, request(), report);

    assert.equal(result.changed, false);
    assert.deepEqual(await snapshotOfHost(), files, 'no file under /etc/docker was written again');
    assert.equal(await dockerdPid(), pid, 'dockerd was not restarted');
  });

  it('Regenerate Certificates issues a new server certificate and the engine answers with it', async () => {
    const before = describeCertificate(await read('/etc/docker/docker-hosts/server.pem')).fingerprint256;

    const result = await provisionHost(connection, request({ renewCertificate: true }), report);

    const after = describeCertificate(await read('/etc/docker/docker-hosts/server.pem')).fingerprint256;
    assert.equal(result.changed, true);
    assert.notEqual(after, before);
    assert.ok(await versionOver(tlsClient(HOSTC.address, authority)));
  });

  it('an address the certificate does not name is detected, refused by TLS, and repaired by regenerating', async () => {
    const provisioned = await provisionHost(connection, request(), report);
    const machine: StoredMachine = {
      id: 'c',
      name: 'host C',
      driver: 'generic',
      options: { host: HOSTC.otherAddress, [PROVISIONED.certificateNames]: provisioned.certificate.names.join(', ') },
    };
    assert.match(certificateMismatch(machine) ?? '', new RegExp(`reached at ${HOSTC.otherAddress.replace(/\./g, '\\.')}`));
    assert.equal(await engineFails(tlsClient(HOSTC.otherAddress, authority)), 'ERR_TLS_CERT_ALTNAME_INVALID');

    const moved = connectionTo(HOSTC.otherAddress);
    try {
      const repaired = await provisionHost(moved, request({ address: HOSTC.otherAddress, renewCertificate: true }), report);
      assert.equal(certificateMismatch({ ...machine, options: { ...machine.options, [PROVISIONED.certificateNames]: repaired.certificate.names.join(', ') } }), undefined);
    } finally {
      moved.dispose();
    }
    assert.ok(await versionOver(tlsClient(HOSTC.otherAddress, authority)));
  });

  it('a restart that fails (engine port taken by sshd) on a fresh host restores its files and its dockerd', async () => {
    await resetHostC();
    const pristine = await snapshotOfHost();
    const fresh = connectionTo(HOSTC.address);
    try {
      await assert.rejects(provisionHost(fresh, request({ enginePort: 22, engineTimeoutMs: 20_000 }), report), (error: Error) => {
        assert.match(error.message, /restored/);
        return true;
      });
    } finally {
      fresh.dispose();
    }
    assert.deepEqual(await snapshotOfHost(), pristine, '/etc/docker is as it was (no daemon.json, no docker-hosts folder)');
    assert.deepEqual(await hostCDockerdCommandLine(), originalCommandLine, 'the original dockerd runs again');
    assert.equal((await inHostC(['docker', 'version', '--format', '{{.Server.Version}}'])).code, 0, 'and answers on its socket');
  });

  it('a failed re-provisioning puts back the previous provisioning, which still answers over TLS', async () => {
    await provisionHost(connection, request(), report);
    const provisioned = await snapshotOfHost();

    await assert.rejects(provisionHost(connection, request({ enginePort: 22, engineTimeoutMs: 20_000 }), report), /restored/);

    const now = await snapshotOfHost();
    const changed = Object.keys(now).filter((file) => !file.startsWith('docker-hosts/rollback/') && now[file]?.split(' ').slice(1).join(' ') !== provisioned[file]?.split(' ').slice(1).join(' '));
    assert.deepEqual(changed, [], 'every file has its provisioned content again');
    assert.ok(await versionOver(tlsClient(HOSTC.address, authority)));
  });

  it('cancelling while Docker restarts stops the run, restores the host and leaves the original dockerd running', async () => {
    await resetHostC();
    const pristine = await snapshotOfHost();
    const controller = new AbortController();
    const cancelAtRestart: ProgressReport = (step, message) => {
      report(step, message);
      if (step === 'restart' && !controller.signal.aborted) {
        controller.abort(new Error('cancelled by the test'));
      }
    };
    const fresh = connectionTo(HOSTC.address);
    try {
      await assert.rejects(provisionHost(fresh, request(), cancelAtRestart, controller.signal), /cancelled by the test[\s\S]*restored/);
    } finally {
      fresh.dispose();
    }
    assert.deepEqual(await snapshotOfHost(), pristine, '/etc/docker is as it was');
    assert.deepEqual(await hostCDockerdCommandLine(), originalCommandLine, 'the original dockerd runs');
    assert.equal((await inHostC(['docker', 'version', '--format', '{{.Server.Version}}'])).code, 0);
  });

  it('a login that is not root and has no passwordless sudo is refused with the fix, before anything changes', async () => {
    const files = await snapshotOfHost();
    const plain = connectionTo(HOSTC.address, HOSTC.ssh.plainUser);
    try {
      await assert.rejects(provisionHost(plain, request({ user: HOSTC.ssh.plainUser }), report), /dh-plain is not root and cannot use sudo without a password.*NOPASSWD/);
    } finally {
      plain.dispose();
    }
    assert.deepEqual(await snapshotOfHost(), files);
  });

  it('provisions and deprovisions as an ordinary user through passwordless sudo; the files it installs belong to root', async () => {
    await resetHostC();
    const viaSudo = connectionTo(HOSTC.address, HOSTC.ssh.sudoUser);
    try {
      const result = await provisionHost(viaSudo, request({ user: HOSTC.ssh.sudoUser }), report);
      assert.equal(result.facts.root, false);
      assert.equal(result.facts.passwordlessSudo, true);
      assert.ok(await versionOver(tlsClient(HOSTC.address, authority)));
      const key = statSync(hostFile('/etc/docker/docker-hosts/server-key.pem'));
      assert.equal(key.uid, 0, 'the server key is root\'s');
      assert.equal(key.mode & 0o777, 0o600);
      assert.equal(statSync(hostFile('/etc/docker/daemon.json')).uid, 0);
      assert.equal(await deprovisionHost(viaSudo, HOSTC.ssh.sudoUser, report), true);
      assert.equal(existsSync(hostFile('/etc/docker/daemon.json')), false);
      assert.deepEqual(await hostCDockerdCommandLine(), originalCommandLine);
    } finally {
      viaSudo.dispose();
    }
  });

  it('names that are not host names are refused before anything on the host changes', async () => {
    const files = await snapshotOfHost();
    await assert.rejects(provisionHost(connection, request({ extraNames: [`x$(touch ${HOSTILE_MARKER})`] }), report), /not a valid|neither|host name/i);
    assert.deepEqual(await snapshotOfHost(), files);
  });

  it('deprovisioning restores the original configuration: no TLS listener, no daemon.json, the original dockerd', async () => {
    await provisionHost(connection, request(), report);
    assert.equal(existsSync(hostFile('/etc/docker/daemon.json')), true);

    const removed = await deprovisionHost(connection, 'root', report);

    assert.equal(removed, true);
    assert.equal(existsSync(hostFile('/etc/docker/daemon.json')), false);
    assert.equal(existsSync(hostFile('/etc/docker/docker-hosts')), false);
    assert.deepEqual(await hostCDockerdCommandLine(), originalCommandLine);
    assert.ok(await engineFails(tlsClient(HOSTC.address, authority)), 'nothing listens on the TLS port any more');
  });
});
