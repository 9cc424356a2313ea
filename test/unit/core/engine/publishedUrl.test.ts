import * as assert from 'node:assert/strict';
import { publishedUrl } from '../../../../src/core/engine/publishedUrl';

describe('publishedUrl (Open in Browser goes to the machine, not always localhost)', () => {
  const port = { containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '0.0.0.0' };

  it('uses localhost for a local engine', () => {
    assert.equal(publishedUrl({ kind: 'unix', socketPath: '/var/run/docker.sock' }, port), 'http://localhost:8080/');
  });

  it("uses the remote machine's address for a TCP engine", () => {
    assert.equal(publishedUrl({ kind: 'tcp', host: '10.77.0.2', port: 2376 }, port), 'http://10.77.0.2:8080/');
  });

  it('uses a specific bound address, and https for 443', () => {
    assert.equal(publishedUrl({ kind: 'unix', socketPath: '/s' }, { containerPort: 443, protocol: 'tcp', hostPort: 8443, hostIp: '192.0.2.7' }), 'https://192.0.2.7:8443/');
  });

  it('has no URL for a port that is not published', () => {
    assert.equal(publishedUrl({ kind: 'unix', socketPath: '/s' }, { containerPort: 80, protocol: 'tcp' }), undefined);
  });
});
