import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DETACHED_DOCKERD_RUNS,
  dockerServiceScript,
  parseDaemonJson,
  provisionedDaemonJson,
  separateHostFlags,
  startDetachedScript,
  STOP_DETACHED_DOCKERD,
  systemdDropIn,
} from '../../../../src/core/provision/daemonConfig';
import { REMOTE } from '../../../../src/core/provision/remoteLayout';

const TLS = { tlsverify: true, tlscacert: REMOTE.caCert, tlscert: REMOTE.serverCert, tlskey: REMOTE.serverKey };

function assertValidSh(script: string): void {
  execFileSync('/bin/sh', ['-n', '-c', script]);
}

/** The words a real /bin/sh makes of a (quoted) command line. */
function wordsSeenByShell(commandLine: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `printf "%s\\0" ${commandLine}`]).toString('utf8');
  return output.slice(0, -1).split('\0');
}

describe('daemon.json', () => {
  it('no file: the default socket is kept and the TLS listener added', () => {
    const text = provisionedDaemonJson(undefined, 2376);
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(JSON.parse(text), { hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'], ...TLS });
  });

  it('an empty or blank file and {} behave like no file', () => {
    const none = provisionedDaemonJson(undefined, 2376);
    assert.equal(provisionedDaemonJson('', 2376), none);
    assert.equal(provisionedDaemonJson('  \n', 2376), none);
    assert.equal(provisionedDaemonJson('{}', 2376), none);
  });

  it('other settings are kept verbatim, in their order, with the port given', () => {
    const original = JSON.stringify({ 'log-driver': 'json-file', 'log-opts': { 'max-size': '10m', 'max-file': '3' }, 'data-root': '/srv/docker', 'insecure-registries': ['r:5000'], debug: false });
    const provisioned = JSON.parse(provisionedDaemonJson(original, 12376));
    assert.deepEqual(provisioned, { ...JSON.parse(original), hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:12376'], ...TLS });
    assert.deepEqual(Object.keys(provisioned).slice(0, 5), ['log-driver', 'log-opts', 'data-root', 'insecure-registries', 'debug']);
  });

  it("the file's own hosts are kept (no default socket added) and the TLS listener appended once", () => {
    const original = JSON.stringify({ hosts: ['unix:///run/custom.sock', 'tcp://127.0.0.1:2375'], 'data-root': '/d' });
    assert.deepEqual(JSON.parse(provisionedDaemonJson(original, 2376)).hosts, ['unix:///run/custom.sock', 'tcp://127.0.0.1:2375', 'tcp://0.0.0.0:2376']);
    const already = JSON.stringify({ hosts: ['fd://', 'tcp://0.0.0.0:2376'] });
    assert.deepEqual(JSON.parse(provisionedDaemonJson(already, 2376)).hosts, ['fd://', 'tcp://0.0.0.0:2376'], 'no duplicate listener');
  });

  it('TLS settings of the original are replaced by the provisioned ones', () => {
    const original = JSON.stringify({ tls: true, tlsverify: false, tlscacert: '/old/ca.pem', tlscert: '/old/cert.pem', tlskey: '/old/key.pem' });
    assert.deepEqual(JSON.parse(provisionedDaemonJson(original, 2376)), { tls: true, ...TLS, hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'] });
  });

  it('fed the same original twice, the output is identical (deterministic, so re-provisioning changes nothing)', () => {
    const original = '{\n  "hosts": ["unix:///var/run/docker.sock"],\n  "log-level": "warn"\n}\n';
    assert.equal(provisionedDaemonJson(original, 2376, ['tcp://10.0.0.1:2375']), provisionedDaemonJson(original, 2376, ['tcp://10.0.0.1:2375']));
    assert.equal(provisionedDaemonJson(undefined, 2376), provisionedDaemonJson(undefined, 2376));
  });

  it('listeners moved off the command line replace the default socket and are merged without duplicates', () => {
    assert.deepEqual(JSON.parse(provisionedDaemonJson(undefined, 2376, ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'])).hosts, ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376']);
    assert.deepEqual(JSON.parse(provisionedDaemonJson(undefined, 2376, ['unix:///tmp/d.sock'])).hosts, ['unix:///tmp/d.sock', 'tcp://0.0.0.0:2376'], 'no default socket is added when the command line named one');
    assert.deepEqual(JSON.parse(provisionedDaemonJson('{"hosts":["unix:///a.sock"]}', 2376, ['unix:///a.sock', 'tcp://127.0.0.1:2375'])).hosts, ['unix:///a.sock', 'tcp://127.0.0.1:2375', 'tcp://0.0.0.0:2376']);
  });

  it('malformed JSON and non-objects are refused, saying nothing was changed', () => {
    for (const text of ['{"hosts": [', '{ hosts: [] }', '[]', '["unix:///var/run/docker.sock"]', 'null', '42', '"text"']) {
      assert.throws(() => provisionedDaemonJson(text, 2376), (error: Error) => error.message.includes(REMOTE.daemonJson) && error.message.endsWith('nothing was changed'), text);
      assert.throws(() => parseDaemonJson(text), /nothing was changed$/, text);
    }
    assert.throws(() => parseDaemonJson('{oops'), /is not valid JSON/);
    assert.throws(() => parseDaemonJson('[]'), /is not a JSON object/);
  });
});

describe('dockerd -H flags', () => {
  it('takes every spelling of -H / --host out of the arguments, keeping the rest in order', () => {
    const result = separateHostFlags([
      '/usr/bin/dockerd',
      '-H', 'unix:///var/run/docker.sock',
      '--data-root', '/d',
      '-Htcp://127.0.0.1:2375',
      '--bridge', 'none',
      '-H=fd://',
      '--host', 'unix:///a.sock',
      '--debug',
      '--host=tcp://0.0.0.0:2377',
      '--hostname-is-not-a-flag',
    ]);
    assert.deepEqual(result.hosts, ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2375', 'fd://', 'unix:///a.sock', 'tcp://0.0.0.0:2377']);
    assert.deepEqual(result.args, ['/usr/bin/dockerd', '--data-root', '/d', '--bridge', 'none', '--debug', '--hostname-is-not-a-flag']);
  });

  it('a lone trailing -H (or --host) yields no host and is dropped', () => {
    assert.deepEqual(separateHostFlags(['dockerd', '--debug', '-H']), { args: ['dockerd', '--debug'], hosts: [] });
    assert.deepEqual(separateHostFlags(['dockerd', '--host']), { args: ['dockerd'], hosts: [] });
  });

  it('a value after -H is taken as the host even when it looks like a flag', () => {
    assert.deepEqual(separateHostFlags(['dockerd', '-H', '--data-root', '/d']), { args: ['dockerd', '/d'], hosts: ['--data-root'] });
  });

  it('no host flags: arguments unchanged', () => {
    assert.deepEqual(separateHostFlags(['dockerd', '--data-root', '/d']), { args: ['dockerd', '--data-root', '/d'], hosts: [] });
    assert.deepEqual(separateHostFlags([]), { args: [], hosts: [] });
  });
});

describe('systemd drop-in', () => {
  it('without a containerd socket: clears ExecStart and starts dockerd with no -H', () => {
    assert.equal(
      systemdDropIn({ dockerd: '/usr/sbin/dockerd', containerdSocket: false }),
      '# Written by Docker Hosts: listeners and TLS come from /etc/docker/daemon.json.\n' +
        '# Remove this file (and run systemctl daemon-reload) to return to the packaged unit.\n' +
        '[Service]\n' +
        'ExecStart=\n' +
        'ExecStart=/usr/sbin/dockerd\n',
    );
  });

  it('with a containerd socket: passes it on; without a known dockerd path: /usr/bin/dockerd', () => {
    const dropIn = systemdDropIn({ dockerd: undefined, containerdSocket: true });
    assert.ok(dropIn.includes('\nExecStart=\nExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock\n'), dropIn);
    assert.ok(!dropIn.includes('-H'), 'no -H: listeners come from daemon.json');
  });
});

describe('Docker service scripts', () => {
  it('systemd', () => {
    assert.equal(dockerServiceScript('systemd', 'start'), 'systemctl daemon-reload && systemctl start docker');
    assert.equal(dockerServiceScript('systemd', 'restart'), 'systemctl daemon-reload && systemctl restart docker');
    assert.equal(dockerServiceScript('systemd', 'stop'), 'systemctl stop docker docker.socket');
  });

  it('openrc and sysvinit', () => {
    for (const action of ['start', 'stop', 'restart'] as const) {
      assert.equal(dockerServiceScript('openrc', action), `rc-service docker ${action}`);
      assert.equal(dockerServiceScript('sysvinit', action), `service docker ${action}`);
    }
  });

  it('no init system: the start script, the stop snippet, or both in order', () => {
    assert.equal(dockerServiceScript('none', 'start'), `sh ${REMOTE.startScript}`);
    assert.equal(dockerServiceScript('none', 'stop'), STOP_DETACHED_DOCKERD);
    assert.equal(dockerServiceScript('none', 'restart'), `${STOP_DETACHED_DOCKERD}\nsh ${REMOTE.startScript}`);
    assert.equal(dockerServiceScript('none', 'start', "/opt/my dir/it's.sh"), "sh '/opt/my dir/it'\\''s.sh'");
  });

  it('every service script is valid sh', () => {
    for (const init of ['systemd', 'openrc', 'sysvinit', 'none'] as const) {
      for (const action of ['start', 'stop', 'restart'] as const) {
        assertValidSh(dockerServiceScript(init, action));
        assertValidSh(dockerServiceScript(init, action, '/tmp/a b/$(id).sh'));
      }
    }
    assertValidSh(STOP_DETACHED_DOCKERD);
    assertValidSh(DETACHED_DOCKERD_RUNS);
  });

  it('the stop snippet removes the pid file only once the process is gone', () => {
    assert.ok(STOP_DETACHED_DOCKERD.includes(`rm -f ${REMOTE.dockerPidFile}`));
    assert.ok(STOP_DETACHED_DOCKERD.includes('kill -9'), 'a dockerd that ignores SIGTERM is killed in the end');
  });
});

describe('detached dockerd start script', () => {
  const redirect = ` >>${REMOTE.dockerdLog} 2>&1 </dev/null &`;

  /** The quoted argv between `setsid nohup ` and the redirections (it may span lines). */
  function quotedArgv(script: string): string {
    const start = script.indexOf('setsid nohup ');
    const end = script.indexOf(redirect, start);
    assert.ok(start >= 0 && end > start, script);
    return script.slice(start + 'setsid nohup '.length, end);
  }

  it('is valid sh and starts dockerd detached with the exact arguments, hostile ones included', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-start-'));
    try {
      const marker = path.join(dir, 'marker');
      const args = ['/usr/bin/dockerd', '--data-root', '/srv/docker data', '--label', `$(touch ${marker})`, '--label', `\`touch ${marker}\``, '--label', "it's", '--label', '', '--label', 'two\nlines', '--debug'];
      const script = startDetachedScript(args);
      assertValidSh(script);
      assert.ok(script.startsWith('#!/bin/sh\n'));
      assert.deepEqual(wordsSeenByShell(quotedArgv(script)), args);
      assert.equal(existsSync(marker), false, 'no argument was run as a command');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plain arguments are written as they are', () => {
    const script = startDetachedScript(['dockerd', '--config-file', '/etc/docker/daemon.json']);
    assert.ok(script.includes(`\nsetsid nohup dockerd --config-file /etc/docker/daemon.json${redirect}\n`), script);
    assertValidSh(script);
  });

  it('waits for the pid file and reports an early exit with the log tail', () => {
    const script = startDetachedScript(['dockerd']);
    assert.ok(script.includes(`if [ "$(cat ${REMOTE.dockerPidFile} 2>/dev/null)" = "$pid" ]; then exit 0; fi`));
    assert.ok(script.includes(`tail -n 5 ${REMOTE.dockerdLog} >&2; exit 1`));
    assert.ok(script.includes('echo "dockerd is running already (pid $pid)"; exit 0'), 'a second start is harmless');
  });
});
