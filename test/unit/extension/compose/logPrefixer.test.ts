import * as assert from 'node:assert/strict';
import { LogPrefixer } from '../../../../src/extension/compose/logPrefixer';

describe('Compose Logs lines', () => {
  it('prefix each line with the container (without the project), one colour per service, names padded as they grow', () => {
    const prefixer = new LogPrefixer();
    const web = prefixer.format({ service: 'web', container: 'demo-web-1', text: 'listening' }, 'demo');
    const db = prefixer.format({ service: 'database', container: 'demo-database-1', text: 'ready' }, 'demo');
    const webAgain = prefixer.format({ service: 'web', container: 'demo-web-1', text: 'GET /' }, 'demo');
    assert.equal(web, '\x1b[36mweb-1 |\x1b[0m listening\n');
    assert.equal(db, '\x1b[33mdatabase-1 |\x1b[0m ready\n');
    assert.equal(webAgain, '\x1b[36mweb-1      |\x1b[0m GET /\n');
  });
});
