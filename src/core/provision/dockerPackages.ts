import { HostFacts, PackageManager } from './hostFacts';

/** The distribution's own Docker package: what each family calls it. */
export function dockerPackageName(facts: Pick<HostFacts, 'osId' | 'osLike' | 'packageManager'>): string {
  const family = [facts.osId, ...facts.osLike];
  if (facts.packageManager === 'apt-get') {
    return 'docker.io';
  }
  if (family.includes('fedora') && !family.includes('rhel') && facts.osId !== 'amzn') {
    return 'moby-engine';
  }
  return 'docker';
}

const INSTALL: Readonly<Record<PackageManager, (pkg: string) => string>> = {
  'apt-get': (pkg) => `apt-get update -q\nDEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade ${pkg}`,
  dnf: (pkg) => `dnf install -y ${pkg}`,
  yum: (pkg) => `yum install -y ${pkg}`,
  zypper: (pkg) => `zypper --non-interactive install --no-recommends ${pkg}`,
  apk: (pkg) => `apk add --no-cache ${pkg}`,
};

/** Only the Docker package is upgraded; nothing else on the host is touched. */
const UPGRADE: Readonly<Record<PackageManager, (pkg: string) => string>> = {
  'apt-get': (pkg) => `apt-get update -q\nDEBIAN_FRONTEND=noninteractive apt-get install -y -q --only-upgrade ${pkg}`,
  dnf: (pkg) => `dnf upgrade -y ${pkg}`,
  yum: (pkg) => `yum update -y ${pkg}`,
  zypper: (pkg) => `zypper --non-interactive update ${pkg}`,
  apk: (pkg) => `apk upgrade --no-cache ${pkg}`,
};

/** Makes the freshly installed service start now and at boot, where an init system does that. */
const ENABLE: Readonly<Record<HostFacts['init'], string>> = {
  systemd: 'systemctl enable --now docker',
  openrc: 'rc-update add docker default && rc-service docker start',
  sysvinit: 'service docker start',
  none: '',
};

/** The root script that installs Docker from the distribution's packages. */
export function installDockerScript(facts: HostFacts): string {
  const manager = requireManager(facts);
  const enable = ENABLE[facts.init];
  return `set -e\n${INSTALL[manager](dockerPackageName(facts))}${enable ? `\n${enable}` : ''}`;
}

/** The root script that upgrades only Docker's package. */
export function upgradeDockerScript(facts: HostFacts): string {
  return `set -e\n${UPGRADE[requireManager(facts)](dockerPackageName(facts))}`;
}

function requireManager(facts: HostFacts): PackageManager {
  if (!facts.packageManager) {
    throw new Error(`${facts.osName} has none of the package managers Docker Hosts knows (apt-get, dnf, yum, zypper, apk); install Docker on it yourself and provision again`);
  }
  return facts.packageManager;
}
