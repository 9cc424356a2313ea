import * as assert from 'node:assert/strict';
import { containerMatches, imageMatches, parseResourceFilter, ResourceFilter } from '../../../../src/core/engine/resourceFilter';
import { toContainerInfo, toImageInfos } from '../../../../src/core/engine/resources';

const container = (name: string, image: string, state: string) => toContainerInfo({ Id: `id-${name}`, Names: [`/${name}`], Image: image, State: state });
const containers = [container('web-1', 'nginx:1.27', 'running'), container('web-2', 'nginx:1.27', 'exited'), container('db', 'postgres:16', 'running'), container('job', 'docker-hosts/busybox:latest', 'paused')];
const images = [...toImageInfos({ Id: 'sha256:abc123', RepoTags: ['nginx:1.27'] }), ...toImageInfos({ Id: 'sha256:def456', RepoTags: ['docker-hosts/busybox:latest'] }), ...toImageInfos({ Id: 'sha256:0dd' })];

function parsed(text: string): ResourceFilter {
  const filter = parseResourceFilter(text);
  assert.ok(filter, `"${text}" filters`);
  return filter;
}
const shown = (text: string): string[] => containers.filter((c) => containerMatches(parsed(text), c)).map((c) => c.name);
const shownImages = (text: string): string[] => images.filter((i) => imageMatches(parsed(text), i)).map((i) => i.tag ?? '<none>');

describe('the Machines view filter', () => {
  it('filters nothing when the text is blank', () => {
    assert.equal(parseResourceFilter(''), undefined);
    assert.equal(parseResourceFilter('   '), undefined);
  });

  it('matches plain words against name, image and state, ignoring case', () => {
    assert.deepEqual(shown('WEB'), ['web-1', 'web-2']);
    assert.deepEqual(shown('postgres'), ['db']);
    assert.deepEqual(shown('paused'), ['job']);
  });

  it('requires every word and key, and takes several values of one key as alternatives', () => {
    assert.deepEqual(shown('state:running image:nginx'), ['web-1']);
    assert.deepEqual(shown('state:running state:paused'), ['web-1', 'db', 'job']);
    assert.deepEqual(shown('web state:exited'), ['web-2']);
    assert.deepEqual(shown('name:db image:nginx'), []);
  });

  it('takes an image reference with a colon as a word, not as a key', () => {
    assert.deepEqual(shown('busybox:latest'), ['job']);
    assert.deepEqual(parsed('nginx:1.27 state:running').words, ['nginx:1.27']);
    assert.deepEqual(parsed('state: web').words, ['state:', 'web']);
  });

  it('normalises the text it shows in the view', () => {
    assert.equal(parsed('  state:running   web ').text, 'state:running web');
  });

  it('matches images by tag or id prefix, dangling ones as <none>, and ignores state:', () => {
    assert.deepEqual(shownImages('busybox'), ['docker-hosts/busybox:latest']);
    assert.deepEqual(shownImages('abc1'), ['nginx:1.27']);
    assert.deepEqual(shownImages('none'), ['<none>']);
    assert.deepEqual(shownImages('state:running'), ['nginx:1.27', 'docker-hosts/busybox:latest', '<none>']);
    assert.deepEqual(shownImages('image:nginx state:running'), ['nginx:1.27']);
  });
});
