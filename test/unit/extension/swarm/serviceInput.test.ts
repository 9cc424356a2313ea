import * as assert from 'node:assert/strict';
import { advertiseCandidates, validateAdvertiseAddress } from '../../../../src/extension/swarm/advertiseAddresses';
import { parseConstraints, parseEnv, parseMode, parsePorts, problemOf } from '../../../../src/extension/swarm/serviceInput';

describe('Create Service… inputs, read as docker service create takes them', () => {
  it('reads published:target/protocol ports, tcp by default, and a bare target', () => {
    assert.deepEqual(parsePorts('8080:80, 53:53/udp, 9000'), [
      { target: 80, published: 8080, protocol: 'tcp' },
      { target: 53, published: 53, protocol: 'udp' },
      { target: 9000, protocol: 'tcp' },
    ]);
    assert.deepEqual(parsePorts(''), []);
  });

  it('refuses ports it cannot read, naming the entry', () => {
    assert.equal(problemOf(parsePorts, '80:http'), '"80:http" is not a port: write published:target[/tcp|udp|sctp], e.g. 8080:80');
    assert.match(problemOf(parsePorts, '70000:80') ?? '', /"70000:80"/);
    assert.match(problemOf(parsePorts, '80/icmp') ?? '', /"80\/icmp"/);
  });

  it('takes KEY=value environment entries and refuses a bare key', () => {
    assert.deepEqual(parseEnv('A=1, B=x=y'), ['A=1', 'B=x=y']);
    assert.match(problemOf(parseEnv, 'A=1, B') ?? '', /"B" is not KEY=value/);
  });

  it('takes == and != constraints and refuses anything else', () => {
    assert.deepEqual(parseConstraints('node.role==worker, node.hostname != db'), ['node.role==worker', 'node.hostname != db']);
    assert.match(problemOf(parseConstraints, 'node.role=worker') ?? '', /not a constraint/);
  });

  it('reads a number of replicas or "global"', () => {
    assert.deepEqual(parseMode('3'), { replicas: 3 });
    assert.deepEqual(parseMode(' Global '), { global: true });
    assert.ok(problemOf(parseMode, 'many'));
  });
});

describe('advertise address candidates for Initialize Swarm', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as never],
    eth0: [{ address: '10.0.0.5', family: 'IPv4', internal: false } as never, { address: 'fe80::1', family: 'IPv6', internal: false } as never],
    veth: [{ address: '10.77.0.1', family: 'IPv4', internal: false } as never],
  };

  it('offers a remote machine’s own host, and the local engine this computer’s external IPv4 interfaces', () => {
    assert.deepEqual(advertiseCandidates({ kind: 'ssh', host: '10.77.0.2', remoteSocketPath: '/var/run/docker.sock' }, interfaces).map((c) => c.address), ['10.77.0.2']);
    assert.deepEqual(advertiseCandidates({ kind: 'tcp', host: 'b.example', port: 2376 }, interfaces).map((c) => c.address), ['b.example']);
    assert.deepEqual(advertiseCandidates({ kind: 'unix', socketPath: '/var/run/docker.sock' }, interfaces).map((c) => `${c.address} ${c.source}`), ['10.0.0.5 interface eth0', '10.77.0.1 interface veth']);
  });

  it('accepts an address or interface with an optional port, as --advertise-addr does', () => {
    for (const good of ['10.0.0.5', '10.0.0.5:2377', 'eth0', 'eth0:4789']) assert.equal(validateAdvertiseAddress(good), undefined, good);
    for (const bad of ['', '10.0.0.5:x', 'a:b:c', '-eth0']) assert.ok(validateAdvertiseAddress(bad), bad);
  });
});
