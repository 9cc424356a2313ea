import { REMOTE } from './remoteLayout';

export type InitSystem = 'systemd' | 'openrc' | 'sysvinit' | 'none';
export type PackageManager = 'apt-get' | 'dnf' | 'yum' | 'zypper' | 'apk';

/** What provisioning needs to know about a host, read in one round trip. */
export interface HostFacts {
  readonly osId: string;
  readonly osLike: readonly string[];
  readonly osName: string;
  readonly hostname: string;
  readonly root: boolean;
  /** sudo without a password works (only asked when not root). */
  readonly passwordlessSudo: boolean;
  readonly init: InitSystem;
  readonly packageManager: PackageManager | undefined;
  /** Path of dockerd, when Docker is installed. */
  readonly dockerd: string | undefined;
  readonly dockerVersion: string | undefined;
  /** The running dockerd's command line (hosts without an init system need it to restart it). */
  readonly dockerdCommandLine: readonly string[] | undefined;
  readonly containerdSocket: boolean;
  /** An earlier provisioning left its folder. */
  readonly provisionedBefore: boolean;
}

const PACKAGE_MANAGERS: readonly PackageManager[] = ['apt-get', 'dnf', 'yum', 'zypper', 'apk'];

/** A POSIX sh script that prints `key=value` lines; it changes nothing and needs no root. */
export const PROBE_SCRIPT = [
  '( . /etc/os-release 2>/dev/null; echo "os_id=${ID:-}"; echo "os_like=${ID_LIKE:-}"; echo "os_name=${PRETTY_NAME:-}" )',
  'echo "uid=$(id -u)"',
  'echo "hostname=$(hostname 2>/dev/null || cat /etc/hostname 2>/dev/null)"',
  'if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then echo sudo=yes; else echo sudo=no; fi',
  'if [ -d /run/systemd/system ]; then echo init=systemd;' +
    ' elif command -v rc-service >/dev/null 2>&1 && [ -d /run/openrc ]; then echo init=openrc;' +
    ' elif [ "$(cat /proc/1/comm 2>/dev/null)" = init ] && [ -x /etc/init.d/docker ]; then echo init=sysvinit;' +
    ' else echo init=none; fi',
  `for pm in ${PACKAGE_MANAGERS.join(' ')}; do if command -v $pm >/dev/null 2>&1; then echo "package_manager=$pm"; break; fi; done`,
  'PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"; echo "dockerd=$(command -v dockerd 2>/dev/null)"',
  'echo "docker_version=$(dockerd --version 2>/dev/null)"',
  `pid=$(cat ${REMOTE.dockerPidFile} 2>/dev/null); if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ]; then echo "dockerd_cmdline=$(base64 </proc/$pid/cmdline | tr -d '\\n')"; fi`,
  'if [ -S /run/containerd/containerd.sock ]; then echo containerd_socket=yes; fi',
  `if [ -d ${REMOTE.dir} ]; then echo provisioned_before=yes; fi`,
].join('\n');

/** Reads the probe's output. */
export function parseHostFacts(output: string): HostFacts {
  const values = new Map<string, string>();
  for (const line of output.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) {
      values.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
  }
  const text = (key: string): string => values.get(key) ?? '';
  const optional = (key: string): string | undefined => (text(key) === '' ? undefined : text(key));
  const init = text('init');
  const packageManager = text('package_manager');
  const commandLine = optional('dockerd_cmdline');
  return {
    osId: text('os_id'),
    osLike: text('os_like').split(/\s+/).filter((id) => id !== ''),
    osName: text('os_name') || text('os_id') || 'an unknown Linux',
    hostname: text('hostname'),
    root: text('uid') === '0',
    passwordlessSudo: text('sudo') === 'yes',
    init: init === 'systemd' || init === 'openrc' || init === 'sysvinit' ? init : 'none',
    packageManager: (PACKAGE_MANAGERS as readonly string[]).includes(packageManager) ? (packageManager as PackageManager) : undefined,
    dockerd: optional('dockerd'),
    dockerVersion: optional('docker_version'),
    dockerdCommandLine: commandLine ? Buffer.from(commandLine, 'base64').toString('utf8').split('\0').filter((arg, i, all) => arg !== '' || i < all.length - 1) : undefined,
    containerdSocket: text('containerd_socket') === 'yes',
    provisionedBefore: text('provisioned_before') === 'yes',
  };
}
