import { certificateCovers, createServerCertificate, daysLeft, describeCertificate, issuedBy, TlsAuthority, validateCertificateName } from './certificates';
import { DETACHED_DOCKERD_RUNS, dockerServiceScript, provisionedDaemonJson, separateHostFlags, startDetachedScript, STOP_DETACHED_DOCKERD, systemdDropIn } from './daemonConfig';
import { installDockerScript } from './dockerPackages';
import { CONFIGURATION_FILES, restoreScript, RUN_FILES, snapshotScript } from './fileTransaction';
import { HostFacts, parseHostFacts, PROBE_SCRIPT } from './hostFacts';
import { RemoteHost } from './remoteHost';
import { REMOTE } from './remoteLayout';
import { asRoot, readAsRoot, requireRootAccess, runAsRoot } from './remoteScripts';
import { waitForTlsEngine } from './tlsEngineCheck';
import { shellQuote } from '../util/shellQuote';

export type ProvisionStep = 'connect' | 'docker' | 'certificates' | 'configure' | 'restart';

export interface ProvisionRequest {
  /** The address the engine is reached at (and the SSH host, unless an alias was used). */
  readonly address: string;
  /** Login name, for messages. */
  readonly user: string;
  readonly enginePort: number;
  /** Further names for the server certificate. */
  readonly extraNames: readonly string[];
  readonly authority: TlsAuthority;
  /** A new server certificate even when the one on the host still fits. */
  readonly renewCertificate?: boolean;
  /** How long to wait for the engine after a restart. */
  readonly engineTimeoutMs?: number;
}

export interface ProvisionResult {
  /** False when the host was already provisioned exactly so: nothing was written or restarted. */
  readonly changed: boolean;
  readonly facts: HostFacts;
  readonly dockerVersion: string;
  readonly certificate: { readonly notAfter: Date; readonly names: readonly string[] };
}

export type ProgressReport = (step: ProvisionStep, message: string) => void;

/** Reads what provisioning needs to know about the host. */
export async function probeHost(host: RemoteHost, signal?: AbortSignal): Promise<HostFacts> {
  const result = await host.exec(PROBE_SCRIPT, signal);
  if (result.code !== 0) {
    throw new Error(`could not examine the host (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return parseHostFacts(result.stdout);
}

/**
 * Makes the host's existing (or freshly installed) dockerd listen on TLS with a certificate from
 * this computer's authority. Keeps the host's Docker, images and settings; changes only what
 * differs from what it should be; undoes its own changes when a step fails.
 */
export async function provisionHost(host: RemoteHost, request: ProvisionRequest, report: ProgressReport, signal?: AbortSignal): Promise<ProvisionResult> {
  request.extraNames.forEach((name) => {
    const problem = validateCertificateName(name);
    if (problem) {
      throw new Error(`${problem}; nothing on the host was changed`);
    }
  });
  report('connect', 'Examining the host');
  let facts = await probeHost(host, signal);
  report('connect', `${facts.osName}, init: ${facts.init}, ${facts.dockerVersion ?? 'no Docker'}`);
  requireRootAccess(facts, request.user);
  const installing = !facts.dockerd;
  if (installing) {
    report('docker', `Installing Docker from ${facts.osName}'s packages`);
    await runAsRoot(host, facts, installDockerScript(facts), 'Installing Docker', signal);
    facts = await probeHost(host, signal);
    if (!facts.dockerd) {
      throw new Error('Docker was installed but dockerd is still not found on the host');
    }
  } else {
    report('docker', `Keeping the installed ${facts.dockerVersion ?? 'Docker'}`);
  }

  const names = [...new Set([request.address, facts.hostname, ...request.extraNames].filter((name) => name !== ''))];
  const current = await readCurrentFiles(host, facts, signal);
  report('certificates', 'Checking the server certificate');
  const keepCertificate =
    !request.renewCertificate &&
    current.serverCert !== undefined &&
    current.serverKeyPresent &&
    issuedBy(current.serverCert, request.authority.caCert) &&
    names.every((name) => certificateCovers(current.serverCert as string, name)) &&
    daysLeft(current.serverCert) > 30;
  const server = keepCertificate ? { cert: current.serverCert as string } : createServerCertificate(request.authority, names);
  report('certificates', keepCertificate ? 'The server certificate on the host still fits' : `New server certificate for ${names.join(', ')}`);

  // Where no init system runs, a Docker installed just now is not running yet: it starts plain.
  const originalArgs = facts.init !== 'none' ? [] : installing && !facts.dockerdCommandLine ? [facts.dockerd as string] : await originalCommandLine(host, facts, signal);
  const { args: startArgs, hosts: movedHosts } = separateHostFlags(originalArgs);
  const desired: Record<string, string> = {
    [REMOTE.caCert]: request.authority.caCert,
    [REMOTE.serverCert]: server.cert,
    [REMOTE.daemonJson]: provisionedDaemonJson(current.originalDaemonJson, request.enginePort, movedHosts),
    ...('key' in server && { [REMOTE.serverKey]: server.key }),
    ...(facts.init === 'systemd' && { [REMOTE.systemdDropIn]: systemdDropIn(facts) }),
    ...(facts.init === 'none' && { [REMOTE.startScript]: startDetachedScript(startArgs) }),
  };
  const changes = Object.keys(desired).filter((file) => current.files[file] !== desired[file]);
  const probed = facts;
  const finish = async (changed: boolean): Promise<ProvisionResult> => {
    const described = describeCertificate(server.cert);
    const dockerVersion = await waitForTlsEngine(request.address, request.enginePort, request.authority, {
      timeoutMs: request.engineTimeoutMs ?? 60_000,
      ...(signal && { signal }),
      gaveUp: async () => (probed.init === 'none' && (await host.exec(asRoot(probed, DETACHED_DOCKERD_RUNS), signal)).code !== 0 ? 'dockerd is not running' : undefined),
    });
    report('restart', `Docker ${dockerVersion} answers over TLS on ${request.address}:${request.enginePort}`);
    return { changed, facts: probed, dockerVersion, certificate: { notAfter: described.notAfter, names: [...described.dnsNames, ...described.ipAddresses] } };
  };
  if (changes.length === 0) {
    report('configure', 'The host is provisioned already; nothing to change');
    try {
      return await finish(false);
    } catch {
      report('restart', 'The configuration is in place but the engine does not answer over TLS: restarting it');
    }
  }
  const fresh = !facts.provisionedBefore;
  try {
    report('configure', changes.length > 0 ? `Backing up and writing ${changes.join(', ')}` : 'Restarting with the configuration in place');
    await runAsRoot(host, facts, prepareScript(fresh, originalArgs), 'Backing up the host configuration', signal);
    await uploadAsRoot(host, facts, changes.map((file) => ({ file, content: desired[file] as string })), signal);
    report('restart', `Restarting Docker (${facts.init === 'none' ? 'no init system: dockerd is started detached' : facts.init})`);
    await runAsRoot(host, facts, dockerServiceScript(facts.init, 'restart'), 'Restarting Docker', signal);
    return await finish(true);
  } catch (error) {
    report('restart', `Failed (${(error as Error).message}); restoring the host's files and restarting Docker as it was`);
    const why = await failureDetails(host, facts);
    await rollBack(host, facts, fresh, originalArgs);
    throw new Error(`${(error as Error).message}. The host's files were restored and Docker restarted as it was.${why ? `\n${why}` : ''}`, { cause: error });
  }
}

/** Deprovisions: restores the configuration backed up before the first provisioning and removes the TLS listener. */
export async function deprovisionHost(host: RemoteHost, user: string, report: ProgressReport, signal?: AbortSignal): Promise<boolean> {
  const facts = await probeHost(host, signal);
  requireRootAccess(facts, user);
  if (!facts.provisionedBefore) {
    report('configure', 'The host was not provisioned by Docker Hosts; nothing to undo');
    return false;
  }
  const originalArgs = facts.init === 'none' ? await originalCommandLine(host, facts, signal) : [];
  report('configure', 'Restoring the configuration from before provisioning');
  await runAsRoot(host, facts, restoreScript(CONFIGURATION_FILES, REMOTE.backupDir), 'Restoring the configuration', signal);
  report('restart', 'Restarting Docker without the TLS listener');
  await runAsRoot(host, facts, `${restartAsOriginal(facts, originalArgs)}\nrm -rf ${shellQuote(REMOTE.dir)}`, 'Restarting Docker', signal);
  return true;
}

interface CurrentFiles {
  readonly files: Readonly<Record<string, string | undefined>>;
  readonly serverCert: string | undefined;
  readonly serverKeyPresent: boolean;
  /** daemon.json as it was before the first provisioning (the base every run starts from). */
  readonly originalDaemonJson: string | undefined;
}

async function readCurrentFiles(host: RemoteHost, facts: HostFacts, signal?: AbortSignal): Promise<CurrentFiles> {
  const read = (file: string): Promise<string | undefined> => readAsRoot(host, facts, file, signal);
  const paths = [REMOTE.caCert, REMOTE.serverCert, REMOTE.serverKey, REMOTE.daemonJson, REMOTE.systemdDropIn, REMOTE.startScript];
  const contents = await Promise.all(paths.map(read));
  const files = Object.fromEntries(paths.map((path, i) => [path, contents[i]]));
  const backupIndex = CONFIGURATION_FILES.indexOf(REMOTE.daemonJson);
  const originalDaemonJson = facts.provisionedBefore ? await read(`${REMOTE.backupDir}/${backupIndex}`) : files[REMOTE.daemonJson];
  return { files, serverCert: files[REMOTE.serverCert], serverKeyPresent: files[REMOTE.serverKey] !== undefined, originalDaemonJson };
}

/** How dockerd ran before provisioning, on a host without an init system. */
async function originalCommandLine(host: RemoteHost, facts: HostFacts, signal?: AbortSignal): Promise<string[]> {
  const saved = facts.provisionedBefore ? await readAsRoot(host, facts, REMOTE.originalCommandLine, signal) : undefined;
  if (saved !== undefined) {
    return JSON.parse(saved) as string[];
  }
  if (!facts.dockerdCommandLine || facts.dockerdCommandLine.length === 0) {
    throw new Error(`dockerd is not running (no ${REMOTE.dockerPidFile}) and the host has no init system to start it; start dockerd, then provision again`);
  }
  return [...facts.dockerdCommandLine];
}

/** Backs up (first run only) and snapshots (every run) what the run may change. */
function prepareScript(fresh: boolean, originalArgs: readonly string[]): string {
  const lines = ['set -e', `mkdir -p ${shellQuote(REMOTE.dir)}`];
  if (fresh) {
    lines.push(snapshotScript(CONFIGURATION_FILES, REMOTE.backupDir));
    lines.push(`printf '%s' ${shellQuote(JSON.stringify(originalArgs))} >${shellQuote(REMOTE.originalCommandLine)}`);
  }
  lines.push(snapshotScript(RUN_FILES, REMOTE.rollbackDir));
  return lines.join('\n');
}

/** Files go over SFTP to a private folder of the login user, then root moves them into place. */
async function uploadAsRoot(host: RemoteHost, facts: HostFacts, files: readonly { file: string; content: string }[], signal?: AbortSignal): Promise<void> {
  if (files.length === 0) {
    return;
  }
  const made = await host.exec('umask 077 && mktemp -d "${TMPDIR:-/tmp}/docker-hosts.XXXXXX"', signal);
  const staging = made.stdout.trim();
  if (made.code !== 0 || staging === '') {
    throw new Error(`could not make a temporary folder on the host: ${made.stderr.trim()}`);
  }
  try {
    const moves = ['set -e', 'umask 077'];
    for (const [index, { file, content }] of files.entries()) {
      await host.writeFile(`${staging}/${index}`, content, 0o600, signal);
      const mode = file === REMOTE.serverKey ? '600' : '644';
      moves.push(`mkdir -p "$(dirname ${shellQuote(file)})"`, `cp ${shellQuote(`${staging}/${index}`)} ${shellQuote(file)}`, `chmod ${mode} ${shellQuote(file)}`);
    }
    await runAsRoot(host, facts, moves.join('\n'), 'Installing the configuration files', signal);
  } finally {
    await host.exec(`rm -rf ${shellQuote(staging)}`).catch(() => undefined);
  }
}

/** Undoes a failed run: the files as they were, and Docker restarted with them. */
async function rollBack(host: RemoteHost, facts: HostFacts, fresh: boolean, originalArgs: readonly string[]): Promise<void> {
  const restore = fresh ? restoreScript(CONFIGURATION_FILES, REMOTE.backupDir) : restoreScript(RUN_FILES, REMOTE.rollbackDir);
  const restart = fresh ? restartAsOriginal(facts, originalArgs) : dockerServiceScript(facts.init, 'restart');
  const cleanUp = fresh ? `rm -rf ${shellQuote(REMOTE.dir)}` : '';
  // Best effort and never masking the first error: the caller reports that one.
  await runAsRoot(host, facts, [restore, restart, cleanUp].join('\n'), 'Restoring the host').catch(() => undefined);
}

/** Restarts dockerd as it ran before provisioning. */
function restartAsOriginal(facts: HostFacts, originalArgs: readonly string[]): string {
  if (facts.init !== 'none') {
    return dockerServiceScript(facts.init, 'restart');
  }
  return `${STOP_DETACHED_DOCKERD}\nsh -c ${shellQuote(startDetachedScript(originalArgs))}`;
}

/** The daemon's last words, so a failed restart says why (a taken port, a bad option). */
async function failureDetails(host: RemoteHost, facts: HostFacts): Promise<string | undefined> {
  const log = facts.init === 'none' ? REMOTE.dockerdLog : '/var/log/docker.log';
  const command = facts.init === 'systemd' ? 'journalctl -u docker -n 15 --no-pager' : `tail -n 15 ${log}`;
  const result = await host.exec(asRoot(facts, command)).catch(() => undefined);
  const lines = result?.stdout.split('\n').filter((line) => /level=(error|fatal)|failed|error/i.test(line)) ?? [];
  return lines.length > 0 ? `dockerd said: ${lines.slice(-3).join('\n')}` : undefined;
}
