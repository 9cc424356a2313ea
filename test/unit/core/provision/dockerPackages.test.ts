import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HostFacts } from '../../../../src/core/provision/hostFacts';
import { dockerPackageName, installDockerScript, upgradeDockerScript } from '../../../../src/core/provision/dockerPackages';

function facts(overrides: Partial<HostFacts>): HostFacts {
  return {
    osId: 'debian',
    osLike: [],
    osName: 'Test Linux',
    hostname: 'h',
    root: true,
    passwordlessSudo: false,
    init: 'systemd',
    packageManager: 'apt-get',
    dockerd: undefined,
    dockerVersion: undefined,
    dockerdCommandLine: undefined,
    containerdSocket: false,
    provisionedBefore: false,
    ...overrides,
  };
}

function assertValidSh(script: string): void {
  execFileSync('/bin/sh', ['-n', '-c', script]);
}

const debian = facts({ osId: 'debian', packageManager: 'apt-get' });
const ubuntu = facts({ osId: 'ubuntu', osLike: ['debian'], packageManager: 'apt-get' });
const fedora = facts({ osId: 'fedora', packageManager: 'dnf' });
const rhel = facts({ osId: 'rhel', osLike: ['fedora'], packageManager: 'dnf' });
const centos7 = facts({ osId: 'centos', osLike: ['rhel', 'fedora'], packageManager: 'yum' });
const rocky = facts({ osId: 'rocky', osLike: ['rhel', 'centos', 'fedora'], packageManager: 'dnf' });
const amazon2023 = facts({ osId: 'amzn', osLike: ['fedora'], packageManager: 'dnf' });
const amazon2 = facts({ osId: 'amzn', osLike: ['centos', 'rhel', 'fedora'], packageManager: 'yum' });
const opensuse = facts({ osId: 'opensuse-leap', osLike: ['suse', 'opensuse'], packageManager: 'zypper' });
const alpine = facts({ osId: 'alpine', packageManager: 'apk', init: 'openrc' });

describe('Docker packages', () => {
  it("names each family's own Docker package", () => {
    assert.equal(dockerPackageName(debian), 'docker.io');
    assert.equal(dockerPackageName(ubuntu), 'docker.io');
    assert.equal(dockerPackageName(fedora), 'moby-engine');
    assert.equal(dockerPackageName(rhel), 'docker');
    assert.equal(dockerPackageName(centos7), 'docker');
    assert.equal(dockerPackageName(rocky), 'docker');
    assert.equal(dockerPackageName(amazon2023), 'docker', 'Amazon Linux 2023 is fedora-like but calls it docker');
    assert.equal(dockerPackageName(amazon2), 'docker');
    assert.equal(dockerPackageName(opensuse), 'docker');
    assert.equal(dockerPackageName(alpine), 'docker');
  });

  it('Debian + systemd: the exact install script (apt, no other package upgraded, service enabled)', () => {
    const script = installDockerScript(debian);
    assert.equal(
      script,
      'set -e\n' +
        'apt-get update -q\nDEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade docker.io\n' +
        'systemctl enable --now docker',
    );
    assertValidSh(script);
  });

  it('Debian / Ubuntu: the exact upgrade script upgrades docker.io only', () => {
    const expected = 'set -e\napt-get update -q\nDEBIAN_FRONTEND=noninteractive apt-get install -y -q --only-upgrade docker.io';
    assert.equal(upgradeDockerScript(debian), expected);
    assert.equal(upgradeDockerScript(ubuntu), expected);
    assertValidSh(expected);
  });

  it('Alpine + OpenRC: the exact install and upgrade scripts (apk, rc-update add docker default)', () => {
    const install = installDockerScript(alpine);
    assert.equal(install, 'set -e\napk add --no-cache docker\nrc-update add docker default && rc-service docker start');
    assert.equal(upgradeDockerScript(alpine), 'set -e\napk upgrade --no-cache docker');
    assertValidSh(install);
    assertValidSh(upgradeDockerScript(alpine));
  });

  it('Fedora: moby-engine through dnf', () => {
    assert.equal(installDockerScript(fedora), 'set -e\ndnf install -y moby-engine\nsystemctl enable --now docker');
    assert.equal(upgradeDockerScript(fedora), 'set -e\ndnf upgrade -y moby-engine');
  });

  it('RHEL / CentOS / Rocky / Amazon Linux: docker through dnf or yum', () => {
    assert.equal(installDockerScript(rhel), 'set -e\ndnf install -y docker\nsystemctl enable --now docker');
    assert.equal(installDockerScript(rocky), 'set -e\ndnf install -y docker\nsystemctl enable --now docker');
    assert.equal(installDockerScript(amazon2023), 'set -e\ndnf install -y docker\nsystemctl enable --now docker');
    assert.equal(installDockerScript(centos7), 'set -e\nyum install -y docker\nsystemctl enable --now docker');
    assert.equal(installDockerScript(amazon2), 'set -e\nyum install -y docker\nsystemctl enable --now docker');
    assert.equal(upgradeDockerScript(rocky), 'set -e\ndnf upgrade -y docker');
    assert.equal(upgradeDockerScript(centos7), 'set -e\nyum update -y docker');
  });

  it('openSUSE: zypper --non-interactive docker', () => {
    assert.equal(installDockerScript(opensuse), 'set -e\nzypper --non-interactive install --no-recommends docker\nsystemctl enable --now docker');
    assert.equal(upgradeDockerScript(opensuse), 'set -e\nzypper --non-interactive update docker');
  });

  it('the enable line follows the init system; without one there is none', () => {
    assert.equal(installDockerScript({ ...debian, init: 'none' }), 'set -e\napt-get update -q\nDEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade docker.io');
    assert.equal(installDockerScript({ ...debian, init: 'sysvinit' }), 'set -e\napt-get update -q\nDEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade docker.io\nservice docker start');
    assert.equal(installDockerScript({ ...debian, init: 'openrc' }).split('\n').at(-1), 'rc-update add docker default && rc-service docker start');
    for (const init of ['systemd', 'openrc', 'sysvinit', 'none'] as const) {
      const script = installDockerScript({ ...fedora, init });
      assert.equal(script.includes('systemctl enable --now docker'), init === 'systemd', `${init}: ${script}`);
      assert.equal(script.includes('rc-update'), init === 'openrc', `${init}: ${script}`);
      assert.ok(!upgradeDockerScript({ ...fedora, init }).includes('enable'), 'upgrading does not (re-)enable the service');
    }
  });

  it('every generated script is valid sh and starts with set -e', () => {
    for (const host of [debian, ubuntu, fedora, rhel, centos7, rocky, amazon2023, amazon2, opensuse, alpine]) {
      for (const init of ['systemd', 'openrc', 'sysvinit', 'none'] as const) {
        for (const script of [installDockerScript({ ...host, init }), upgradeDockerScript({ ...host, init })]) {
          assert.ok(script.startsWith('set -e\n'), script);
          assertValidSh(script);
        }
      }
    }
  });

  it('a host without a known package manager gets a clear error naming the host and the managers known', () => {
    const unknown = facts({ osName: 'Arch Linux', osId: 'arch', packageManager: undefined });
    const expected = /^Error: Arch Linux has none of the package managers Docker Hosts knows \(apt-get, dnf, yum, zypper, apk\); install Docker on it yourself and provision again$/;
    assert.throws(() => installDockerScript(unknown), (error: Error) => expected.test(String(error)));
    assert.throws(() => upgradeDockerScript(unknown), (error: Error) => expected.test(String(error)));
  });

  // BUG (src/core/provision/dockerPackages.ts, INSTALL['apt-get']): `set -e` does not stop at a failing command
  // that is not the last of an && list, so when `apt-get update` fails the install is skipped but the script goes on
  // to `systemctl enable --now docker`. Skipped until the script is fixed; see the report.
  it('a failing apt-get update stops the install script: nothing after it runs and the script fails', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-pkg-'));
    try {
      const log = path.join(dir, 'calls.log');
      const stub = (name: string, body: string): void => {
        writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $*" >>'${log}'\n${body}\n`);
        chmodSync(path.join(dir, name), 0o755);
      };
      stub('apt-get', 'if [ "$1" = update ]; then exit 100; fi');
      stub('systemctl', 'exit 0');
      const result = spawnSync('/bin/sh', ['-c', installDockerScript(debian)], { env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` } });
      const calls = existsSync(log) ? readFileSync(log, 'utf8') : '';
      assert.equal(calls, 'apt-get update -q\n', 'only the failed update ran');
      assert.notEqual(result.status, 0, 'the script reports the failure');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
