import * as assert from 'node:assert/strict';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseHostFacts, PROBE_SCRIPT } from '../../../../src/core/provision/hostFacts';
import { REMOTE } from '../../../../src/core/provision/remoteLayout';

/** The probe's encoding of /proc/PID/cmdline: base64 of the NUL-terminated argv. */
function encodedCommandLine(argv: readonly string[]): string {
  return Buffer.from(argv.map((arg) => `${arg}\0`).join(''), 'utf8').toString('base64');
}

describe('host facts', () => {
  it('Debian 12 with systemd, logged in as root, Docker installed', () => {
    const facts = parseHostFacts(
      [
        'os_id=debian',
        'os_like=',
        'os_name=Debian GNU/Linux 12 (bookworm)',
        'uid=0',
        'hostname=deb12',
        'sudo=no',
        'init=systemd',
        'package_manager=apt-get',
        'dockerd=/usr/sbin/dockerd',
        'docker_version=Docker version 20.10.24+dfsg1, build 5d6db84',
        'containerd_socket=yes',
        '',
      ].join('\n'),
    );
    assert.deepEqual(facts, {
      osId: 'debian',
      osLike: [],
      osName: 'Debian GNU/Linux 12 (bookworm)',
      hostname: 'deb12',
      root: true,
      passwordlessSudo: false,
      init: 'systemd',
      packageManager: 'apt-get',
      dockerd: '/usr/sbin/dockerd',
      dockerVersion: 'Docker version 20.10.24+dfsg1, build 5d6db84',
      dockerdCommandLine: undefined,
      containerdSocket: true,
      provisionedBefore: false,
    });
  });

  it('Ubuntu as a non-root user with passwordless sudo, provisioned before (CRLF line ends tolerated)', () => {
    const facts = parseHostFacts(
      [
        'os_id=ubuntu',
        'os_like=debian',
        'os_name=Ubuntu 24.04.1 LTS',
        'uid=1000',
        'hostname=build-box',
        'sudo=yes',
        'init=systemd',
        'package_manager=apt-get',
        'dockerd=/usr/bin/dockerd',
        'docker_version=Docker version 27.3.1, build 41ca978',
        'provisioned_before=yes',
      ].join('\r\n'),
    );
    assert.equal(facts.osId, 'ubuntu');
    assert.deepEqual(facts.osLike, ['debian']);
    assert.equal(facts.osName, 'Ubuntu 24.04.1 LTS');
    assert.equal(facts.root, false);
    assert.equal(facts.passwordlessSudo, true);
    assert.equal(facts.init, 'systemd');
    assert.equal(facts.packageManager, 'apt-get');
    assert.equal(facts.dockerd, '/usr/bin/dockerd');
    assert.equal(facts.provisionedBefore, true);
    assert.equal(facts.containerdSocket, false);
  });

  it('Alpine with OpenRC and apk, Docker not installed', () => {
    const facts = parseHostFacts(
      'os_id=alpine\nos_like=\nos_name=Alpine Linux v3.20\nuid=0\nhostname=alp\nsudo=no\ninit=openrc\npackage_manager=apk\ndockerd=\ndocker_version=\n',
    );
    assert.equal(facts.osId, 'alpine');
    assert.equal(facts.init, 'openrc');
    assert.equal(facts.packageManager, 'apk');
    assert.equal(facts.dockerd, undefined, 'an empty dockerd= line means not installed');
    assert.equal(facts.dockerVersion, undefined);
    assert.equal(facts.dockerdCommandLine, undefined);
  });

  it('Fedora uses dnf; its ID_LIKE list is split on spaces', () => {
    const facts = parseHostFacts('os_id=fedora\nos_like=\nos_name=Fedora Linux 40 (Server Edition)\nuid=0\nhostname=fed\ninit=systemd\npackage_manager=dnf\n');
    assert.equal(facts.packageManager, 'dnf');
    assert.equal(facts.osName, 'Fedora Linux 40 (Server Edition)');
    const rocky = parseHostFacts('os_id=rocky\nos_like=rhel centos fedora\npackage_manager=dnf\n');
    assert.deepEqual(rocky.osLike, ['rhel', 'centos', 'fedora']);
  });

  it('openSUSE uses zypper', () => {
    const facts = parseHostFacts('os_id=opensuse-leap\nos_like=suse opensuse\nos_name=openSUSE Leap 15.6\nuid=0\nhostname=suse\ninit=systemd\npackage_manager=zypper\n');
    assert.equal(facts.osId, 'opensuse-leap');
    assert.deepEqual(facts.osLike, ['suse', 'opensuse']);
    assert.equal(facts.packageManager, 'zypper');
  });

  it('a host without an init system: the running dockerd command line is decoded exactly, empty and spaced arguments included', () => {
    const argv = ['/usr/bin/dockerd', '-H', 'unix:///var/run/docker.sock', '--label', '', '--data-root', '/srv/docker data', '--label=a=b'];
    const facts = parseHostFacts(
      ['os_id=debian', 'os_name=Debian GNU/Linux 12 (bookworm)', 'uid=0', 'hostname=ct', 'sudo=no', 'init=none', 'package_manager=apt-get', 'dockerd=/usr/bin/dockerd', `dockerd_cmdline=${encodedCommandLine(argv)}`].join('\n'),
    );
    assert.equal(facts.init, 'none');
    assert.deepEqual(facts.dockerdCommandLine, argv);
  });

  it('a command line whose last argument is empty keeps it (only the terminating NUL is dropped)', () => {
    const argv = ['dockerd', '--label', ''];
    assert.deepEqual(parseHostFacts(`dockerd_cmdline=${encodedCommandLine(argv)}`).dockerdCommandLine, argv);
  });

  it('no Docker at all: nothing about Docker is reported', () => {
    const facts = parseHostFacts('os_id=debian\nuid=0\nhostname=h\nsudo=no\ninit=systemd\npackage_manager=apt-get\ndockerd=\ndocker_version=\n');
    assert.equal(facts.dockerd, undefined);
    assert.equal(facts.dockerVersion, undefined);
    assert.equal(facts.dockerdCommandLine, undefined);
    assert.equal(facts.containerdSocket, false);
    assert.equal(facts.provisionedBefore, false);
  });

  it('garbage lines and unknown values fall back to safe defaults', () => {
    const facts = parseHostFacts(
      ['Welcome to our server!', '=oops', 'no equals sign here', 'init=runit', 'package_manager=pacman', 'uid=root', 'sudo=maybe', 'containerd_socket=1', 'motd=a=b=c', '   '].join('\n'),
    );
    assert.equal(facts.osId, '');
    assert.deepEqual(facts.osLike, []);
    assert.equal(facts.osName, 'an unknown Linux');
    assert.equal(facts.hostname, '');
    assert.equal(facts.root, false, 'only uid=0 is root');
    assert.equal(facts.passwordlessSudo, false, 'only sudo=yes counts');
    assert.equal(facts.init, 'none', 'an unknown init system is treated as none');
    assert.equal(facts.packageManager, undefined, 'an unknown package manager is not used');
    assert.equal(facts.containerdSocket, false);
    assert.deepEqual(parseHostFacts('').osName, 'an unknown Linux');
    assert.equal(parseHostFacts('os_id=arch\n').osName, 'arch', 'the os id names the host when PRETTY_NAME is missing');
  });

  it('PROBE_SCRIPT is valid POSIX sh', () => {
    execFileSync('/bin/sh', ['-n', '-c', PROBE_SCRIPT]);
    assert.ok(PROBE_SCRIPT.includes('os_id='));
  });

  it('PROBE_SCRIPT run for real on this (Debian, root) machine gives facts that parse', () => {
    const output = execFileSync('/bin/sh', ['-c', PROBE_SCRIPT], { encoding: 'utf8' });
    const facts = parseHostFacts(output);
    assert.notEqual(facts.hostname, '');
    assert.equal(facts.hostname, os.hostname());
    assert.equal(facts.root, true, 'the tests run as root');
    assert.equal(facts.passwordlessSudo, false, 'sudo is only asked when not root');
    assert.ok(['systemd', 'openrc', 'sysvinit', 'none'].includes(facts.init), facts.init);
    assert.equal(facts.osId, 'debian');
    assert.match(facts.osName, /Debian/);
    assert.equal(facts.packageManager, 'apt-get');
  });

  describe('PROBE_SCRIPT reading a running process command line (pid file pointed at a child of this test)', () => {
    let dir: string;
    let child: ChildProcess | undefined;

    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'dh-probe-'));
    });

    afterEach(() => {
      if (child?.pid !== undefined && child.exitCode === null) {
        process.kill(child.pid, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it('round-trips an argv with an empty argument, spaces, quotes and a newline through /proc, base64 and the parser', async () => {
      const args = ['-e', 'setTimeout(() => {}, 60000)', '--', '', 'a b', "it's $(id)", 'line1\nline2', 'ünï'];
      child = spawn(process.execPath, args, { stdio: 'ignore' });
      await new Promise<void>((resolve, reject) => {
        child?.once('spawn', () => resolve());
        child?.once('error', reject);
      });
      const pidFile = path.join(dir, 'docker.pid');
      writeFileSync(pidFile, String(child.pid));
      assert.equal(PROBE_SCRIPT.split(REMOTE.dockerPidFile).length, 2, 'the probe names the pid file once');
      const output = execFileSync('/bin/sh', ['-c', PROBE_SCRIPT.replace(REMOTE.dockerPidFile, pidFile)], { encoding: 'utf8' });
      assert.deepEqual(parseHostFacts(output).dockerdCommandLine, [process.execPath, ...args]);
    });
  });
});
