import * as assert from 'node:assert/strict';
import { layoutContainers, sortImages, sortNetworks, volumeUsers } from '../../../../src/core/engine/ordering';
import { toContainerInfo, toImageInfos, toNetworkInfo } from '../../../../src/core/engine/resources';

const container = (name: string, project?: string, volumes: string[] = []) =>
  toContainerInfo({
    Id: name,
    Names: [`/${name}`],
    Labels: project ? { 'com.docker.compose.project': project } : {},
    Mounts: volumes.map((Name) => ({ Type: 'volume', Name })),
  });

describe('how groups are laid out', () => {
  it('puts compose projects first as folders, each sorted, then loose containers by name', () => {
    const layout = layoutContainers([container('zeta'), container('shop-web', 'shop'), container('alpha'), container('shop-db', 'shop'), container('blog-1', 'blog')]);
    assert.deepEqual(layout.projects.map((p) => [p.name, p.members.map((m) => m.name)]), [['blog', ['blog-1']], ['shop', ['shop-db', 'shop-web']]]);
    assert.deepEqual(layout.loose.map((c) => c.name), ['alpha', 'zeta']);
  });

  it('sorts images by tag with dangling ones last', () => {
    const images = [...toImageInfos({ Id: 'sha256:1' }), ...toImageInfos({ Id: 'sha256:2', RepoTags: ['b:1', 'a:2'] })];
    assert.deepEqual(sortImages(images).map((i) => i.tag ?? '<none>'), ['a:2', 'b:1', '<none>']);
  });

  it('lists built-in networks before user networks', () => {
    const names = sortNetworks(['web', 'none', 'bridge', 'app', 'host'].map((Name) => toNetworkInfo({ Id: Name, Name }))).map((n) => n.name);
    assert.deepEqual(names, ['bridge', 'host', 'none', 'app', 'web']);
  });

  it('knows which containers mount each volume', () => {
    const users = volumeUsers([container('a', undefined, ['data', 'cache']), container('b', undefined, ['data'])]);
    assert.deepEqual(users.get('data'), ['a', 'b']);
    assert.deepEqual(users.get('cache'), ['a']);
    assert.equal(users.get('other'), undefined);
  });
});
