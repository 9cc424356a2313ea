import * as assert from 'node:assert/strict';
import { formatPort, toContainerInfo, toImageInfos, toNetworkInfo } from '../../../../src/core/engine/resources';

describe('Engine API list results mapped to tree data', () => {
  it('marks a running container whose health check fails as unhealthy', () => {
    const info = toContainerInfo({ Id: 'c1', Names: ['/web'], State: 'running', Status: 'Up 5 minutes (unhealthy)' });
    assert.equal(info.state, 'unhealthy');
    assert.equal(info.name, 'web');
  });

  it('lists a port published on 0.0.0.0 and :: once, sorted by host port', () => {
    const info = toContainerInfo({
      Id: 'c1',
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '0.0.0.0', PrivatePort: 443, PublicPort: 8443, Type: 'tcp' },
        { PrivatePort: 9000, Type: 'udp' },
      ],
    });
    assert.deepEqual(info.ports.map(formatPort), ['9000/udp', '8080→80/tcp', '8443→443/tcp']);
  });

  it('takes the compose project from its label and named volumes from the mounts', () => {
    const info = toContainerInfo({
      Id: 'c1',
      Labels: { 'com.docker.compose.project': 'shop' },
      Mounts: [{ Type: 'volume', Name: 'data' }, { Type: 'bind' }],
    });
    assert.equal(info.composeProject, 'shop');
    assert.deepEqual(info.volumeNames, ['data']);
  });

  it('makes one image entry per tag, and one <none> entry for a dangling image', () => {
    const tagged = toImageInfos({ Id: 'sha256:aa', RepoTags: ['app:1', 'app:latest'], Size: 10, Created: 1 });
    assert.deepEqual(tagged.map((i) => i.key), ['sha256:aa#app:1', 'sha256:aa#app:latest']);
    const dangling = toImageInfos({ Id: 'sha256:bb', RepoTags: ['<none>:<none>'] });
    assert.equal(dangling.length, 1);
    assert.equal(dangling[0]?.tag, undefined);
  });

  it('marks bridge, host and none as built-in networks and collects subnets', () => {
    assert.equal(toNetworkInfo({ Id: 'n', Name: 'bridge', IPAM: { Config: [{ Subnet: '172.17.0.0/16' }] } }).builtIn, true);
    const user = toNetworkInfo({ Id: 'n2', Name: 'backend', IPAM: { Config: null } });
    assert.equal(user.builtIn, false);
    assert.deepEqual(user.subnets, []);
  });
});
