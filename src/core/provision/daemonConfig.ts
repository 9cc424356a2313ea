import { HostFacts } from './hostFacts';
import { REMOTE } from './remoteLayout';
import { shellCommand } from '../util/shellQuote';

type DaemonJson = Record<string, unknown>;

/** Parses a host's daemon.json; a malformed one stops provisioning before anything changes. */
export function parseDaemonJson(text: string | undefined): DaemonJson {
  if (text === undefined || text.trim() === '') {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${REMOTE.daemonJson} on the host is not valid JSON (${(error as Error).message}); fix or remove it, then provision again — nothing was changed`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${REMOTE.daemonJson} on the host is not a JSON object; fix it, then provision again — nothing was changed`);
  }
  return value as DaemonJson;
}

/**
 * The daemon.json that makes dockerd listen on TLS as well: the host's original settings, with
 * its own listeners kept (the default socket when it named none) and the TLS ones added.
 * `movedHosts` are listeners taken off dockerd's command line (dockerd refuses them in both).
 */
export function provisionedDaemonJson(original: string | undefined, port: number, movedHosts: readonly string[] = []): string {
  const config = parseDaemonJson(original);
  const existing = Array.isArray(config.hosts) ? config.hosts.filter((h): h is string => typeof h === 'string') : [];
  const kept = existing.length > 0 || movedHosts.length > 0 ? [...existing, ...movedHosts] : [REMOTE.dockerSocket];
  const hosts = [...new Set([...kept, `tcp://0.0.0.0:${port}`])];
  const provisioned = { ...config, hosts, tlsverify: true, tlscacert: REMOTE.caCert, tlscert: REMOTE.serverCert, tlskey: REMOTE.serverKey };
  return `${JSON.stringify(provisioned, undefined, 2)}\n`;
}

/** Splits dockerd's arguments into the listeners (-H/--host) and the rest. */
export function separateHostFlags(args: readonly string[]): { readonly args: string[]; readonly hosts: string[] } {
  const rest: string[] = [];
  const hosts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const inline = /^(?:-H|--host)=?(.*)$/.exec(arg);
    if (arg === '-H' || arg === '--host') {
      hosts.push(args[++i] ?? '');
    } else if (inline && (arg.startsWith('-H') || arg.startsWith('--host='))) {
      hosts.push(inline[1] as string);
    } else {
      rest.push(arg);
    }
  }
  return { args: rest, hosts: hosts.filter((h) => h !== '' && h !== '=') };
}

/**
 * systemd: the packaged unit passes `-H fd://`, which conflicts with "hosts" in daemon.json, so a
 * drop-in starts dockerd without it (Docker's documented way to configure listeners there).
 */
export function systemdDropIn(facts: Pick<HostFacts, 'dockerd' | 'containerdSocket'>): string {
  const command = [facts.dockerd ?? '/usr/bin/dockerd', ...(facts.containerdSocket ? ['--containerd=/run/containerd/containerd.sock'] : [])];
  return [
    '# Written by Docker Hosts: listeners and TLS come from /etc/docker/daemon.json.',
    '# Remove this file (and run systemctl daemon-reload) to return to the packaged unit.',
    '[Service]',
    'ExecStart=',
    `ExecStart=${shellCommand(command)}`,
    '',
  ].join('\n');
}

/**
 * Hosts without an init system: dockerd started detached, so it outlives the SSH session. The
 * script returns once dockerd wrote its pid file, and fails when it exits before that.
 */
export function startDetachedScript(args: readonly string[]): string {
  return [
    '#!/bin/sh',
    '# Written by Docker Hosts: starts dockerd detached on a host without an init system.',
    'cd /',
    `pid=$(cat ${REMOTE.dockerPidFile} 2>/dev/null || true)`,
    'if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "dockerd is running already (pid $pid)"; exit 0; fi',
    `setsid nohup ${shellCommand(args)} >>${REMOTE.dockerdLog} 2>&1 </dev/null &`,
    'pid=$!',
    'i=0',
    'while [ $i -lt 300 ]; do',
    `  if [ "$(cat ${REMOTE.dockerPidFile} 2>/dev/null)" = "$pid" ]; then exit 0; fi`,
    `  if ! kill -0 "$pid" 2>/dev/null; then echo "dockerd exited at once:" >&2; tail -n 5 ${REMOTE.dockerdLog} >&2; exit 1; fi`,
    '  sleep 0.1; i=$((i+1))',
    'done',
    '',
  ].join('\n');
}

/** Succeeds while the dockerd named by the pid file runs (hosts without an init system). */
export const DETACHED_DOCKERD_RUNS = `pid=$(cat ${REMOTE.dockerPidFile} 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null`;

/** Stops the dockerd named by the pid file and waits (30 s, then SIGKILL) until it is gone. */
export const STOP_DETACHED_DOCKERD = [
  `pid=$(cat ${REMOTE.dockerPidFile} 2>/dev/null || true)`,
  'if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then',
  '  i=0; while kill -0 "$pid" 2>/dev/null; do i=$((i+1)); if [ $i -gt 300 ]; then kill -9 "$pid" 2>/dev/null; sleep 1; break; fi; sleep 0.1; done',
  'fi',
  // A killed dockerd leaves its pid file, and a new one refuses to start while it is there.
  `if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then rm -f ${REMOTE.dockerPidFile}; fi`,
].join('\n');

export type ServiceAction = 'start' | 'stop' | 'restart';

/** The root script that starts, stops or restarts Docker the way this host manages it. */
export function dockerServiceScript(init: HostFacts['init'], action: ServiceAction, startScript: string = REMOTE.startScript): string {
  switch (init) {
    case 'systemd':
      return action === 'stop' ? 'systemctl stop docker docker.socket' : `systemctl daemon-reload && systemctl ${action} docker`;
    case 'openrc':
      return `rc-service docker ${action}`;
    case 'sysvinit':
      return `service docker ${action}`;
    case 'none': {
      const start = `sh ${shellCommand([startScript])}`;
      return action === 'stop' ? STOP_DETACHED_DOCKERD : action === 'start' ? start : `${STOP_DETACHED_DOCKERD}\n${start}`;
    }
  }
}
