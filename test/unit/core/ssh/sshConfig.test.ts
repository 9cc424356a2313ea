import * as assert from 'node:assert/strict';
import { parseProxyJump, resolveSshHost } from '../../../../src/core/ssh/sshConfig';

const context = { homeDir: '/home/me', localUser: 'me' };

describe('resolveSshHost (~/.ssh/config through the ssh-config parser, as ssh applies it)', () => {
  const config = `
Host prod
  HostName prod.example.com
  User deploy
  Port 2200
  IdentityFile ~/.ssh/prod_%r
  ProxyJump bastion

Host bastion
  HostName 10.0.0.1
  User jump

Host *.internal
  User ops
  HashKnownHosts yes
  UserKnownHostsFile ~/.ssh/known_hosts_internal

Host *
  IdentityFile ~/.ssh/id_shared
  ServerAliveInterval 30
`;

  it('resolves an alias to HostName, User, Port and IdentityFile (tokens and ~ expanded)', () => {
    const host = resolveSshHost({ host: 'prod' }, [config], context);
    assert.equal(host.hostName, 'prod.example.com');
    assert.equal(host.user, 'deploy');
    assert.equal(host.port, 2200);
    assert.deepEqual(host.identityFiles, ['/home/me/.ssh/prod_deploy', '/home/me/.ssh/id_shared']);
  });

  it('resolves ProxyJump hops through the config as well', () => {
    const host = resolveSshHost({ host: 'prod' }, [config], context);
    assert.equal(host.jumps.length, 1);
    assert.equal(host.jumps[0]?.hostName, '10.0.0.1');
    assert.equal(host.jumps[0]?.user, 'jump');
    assert.equal(host.jumps[0]?.port, 22);
  });

  it('lets explicit values win over the config, as ssh -p/-l do', () => {
    const host = resolveSshHost({ host: 'prod', port: 22, user: 'root', identityFiles: ['/keys/a'] }, [config], context);
    assert.equal(host.port, 22);
    assert.equal(host.user, 'root');
    assert.equal(host.identityFiles[0], '/keys/a');
  });

  it('looks up sshConfigAlias when given, with host only as the fallback name', () => {
    const host = resolveSshHost({ host: 'ignored.example', sshConfigAlias: 'prod' }, [config], context);
    assert.equal(host.hostName, 'prod.example.com');
    const unknown = resolveSshHost({ host: 'fallback.example', sshConfigAlias: 'not-in-config' }, [config], context);
    assert.equal(unknown.hostName, 'fallback.example');
  });

  it('applies wildcard sections, known_hosts settings, and the local user and port 22 by default', () => {
    const host = resolveSshHost({ host: 'db.internal' }, [config], context);
    assert.equal(host.hostName, 'db.internal');
    assert.equal(host.user, 'ops');
    assert.equal(host.hashKnownHosts, true);
    assert.deepEqual(host.knownHostsFiles, ['/home/me/.ssh/known_hosts_internal']);
    const bare = resolveSshHost({ host: '192.0.2.7' }, [], context);
    assert.equal(bare.user, 'me');
    assert.equal(bare.port, 22);
    assert.deepEqual(bare.identityFiles, ['/home/me/.ssh/id_rsa', '/home/me/.ssh/id_ecdsa', '/home/me/.ssh/id_ed25519'], "OpenSSH's defaults when no IdentityFile is given");
  });

  it('takes the first value over several files (user config before the system one)', () => {
    const host = resolveSshHost({ host: 'x' }, ['Host x\n  User first\n', 'Host *\n  User second\n  Port 2022\n'], context);
    assert.equal(host.user, 'first');
    assert.equal(host.port, 2022);
  });

  it('reads IdentityAgent none and IdentitiesOnly', () => {
    const host = resolveSshHost({ host: 'x' }, ['Host x\n  IdentityAgent none\n  IdentitiesOnly yes\n'], context);
    assert.equal(host.identityAgent, false);
    assert.equal(host.identitiesOnly, true);
  });

  it('never runs Match exec commands while resolving', () => {
    const host = resolveSshHost({ host: 'x' }, ['Match exec "touch /tmp/dh-should-not-exist-$$"\n  User exec\nHost x\n  User plain\n'], context);
    assert.equal(host.user, 'plain');
  });

  it('parses ProxyJump lists in both forms, and none', () => {
    assert.deepEqual(parseProxyJump('a@b:2200,ssh://c@[::1]:22,d'), [
      { host: 'b', port: 2200, user: 'a' },
      { host: '::1', port: 22, user: 'c' },
      { host: 'd' },
    ]);
    assert.deepEqual(parseProxyJump('none'), []);
  });

  it('refuses a host, a config HostName or a ProxyJump hop that starts with "-" (ssh would read an option)', () => {
    const refused = (f: () => unknown): void => assert.throws(f, (error: Error & { failure?: string }) => error.failure === 'unresolved' && /starts with "-"/.test(error.message));
    refused(() => resolveSshHost({ host: '-oProxyCommand=touch /tmp/x' }, [], context));
    refused(() => resolveSshHost({ host: 'x' }, ['Host x\n  HostName -oProxyCommand=touch\n'], context));
    refused(() => resolveSshHost({ host: 'x' }, ['Host x\n  ProxyJump j\nHost j\n  HostName -oBad\n'], context));
    assert.equal(resolveSshHost({ host: 'x-1' }, [], context).hostName, 'x-1', 'a dash inside a name is fine');
  });
});
