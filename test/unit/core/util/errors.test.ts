import * as assert from 'node:assert/strict';
import { describeEngineError } from '../../../../src/core/util/errors';

describe('describeEngineError (one sentence a user can act on)', () => {
  it('names the socket when it does not exist or refuses', () => {
    assert.match(describeEngineError({ code: 'ENOENT' }, 'unix:///x.sock'), /No Docker socket at unix:\/\/\/x\.sock/);
    assert.match(describeEngineError({ code: 'ECONNREFUSED' }, 'tcp://h:2375'), /refused by tcp:\/\/h:2375/);
    assert.match(describeEngineError({ code: 'EACCES' }, 'unix:///x.sock'), /docker group/);
  });

  it('says how long it waited when a request timed out', () => {
    const timeout = Object.assign(new Error('aborted'), { name: 'AbortError' });
    assert.equal(describeEngineError(timeout, 'unix:///x.sock', 8000), 'No answer from unix:///x.sock within 8 s');
  });

  it("passes the engine's own message on with the status code", () => {
    const error = { statusCode: 409, json: { message: 'image is being used by stopped container abc123' } };
    assert.equal(describeEngineError(error, 'local'), 'Engine at local answered 409: image is being used by stopped container abc123');
  });

  it('points TLS failures at the CA file', () => {
    assert.match(describeEngineError({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'tcp://h:2376'), /TLS certificate .* CA file/);
  });

  it('says a certificate does not name the address, or has expired, with the fix for each', () => {
    assert.match(describeEngineError({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tcp://h:2376'), /does not name that address.*regenerate the certificate/);
    assert.match(describeEngineError({ code: 'CERT_HAS_EXPIRED' }, 'tcp://h:2376'), /has expired.*Regenerate Certificates/);
  });
});
