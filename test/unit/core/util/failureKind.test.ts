import * as assert from 'node:assert/strict';
import { SshError } from '../../../../src/core/ssh/sshErrors';
import { failureKindOf, isCertificateRenewable } from '../../../../src/core/util/failureKind';

describe('failureKindOf (what the UI decides on, never the sentence)', () => {
  it('reads TLS certificate failures from their codes', () => {
    assert.equal(failureKindOf({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'reworded' }), 'certificate-mismatch');
    assert.equal(failureKindOf({ code: 'CERT_HAS_EXPIRED' }), 'certificate-expired');
    assert.equal(failureKindOf({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'tls-untrusted');
    assert.equal(failureKindOf({ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' }), 'client-certificate-refused');
    assert.ok(isCertificateRenewable('certificate-mismatch') && isCertificateRenewable('certificate-expired'));
    assert.ok(!isCertificateRenewable('tls-untrusted') && !isCertificateRenewable(undefined));
  });

  it('reads SSH failures from the SshError kind, whatever its message says', () => {
    assert.equal(failureKindOf(new SshError('host-key-changed', 'anything')), 'host-key-changed');
    assert.equal(failureKindOf(new SshError('host-key-untrusted', 'anything')), 'host-key-unknown');
    assert.equal(failureKindOf(new SshError('auth-failed', 'anything')), 'auth-failed');
    assert.equal(failureKindOf(new SshError('engine-unreachable', 'anything')), 'no-socket');
  });

  it('tells transport failures, timeouts and engine answers apart', () => {
    assert.equal(failureKindOf({ code: 'ECONNREFUSED' }), 'refused');
    assert.equal(failureKindOf(Object.assign(new Error('x'), { name: 'TimeoutError' })), 'timeout');
    assert.equal(failureKindOf({ statusCode: 409, json: { message: 'volume is in use' } }), 'in-use');
    assert.equal(failureKindOf({ statusCode: 500, json: { message: 'boom' } }), 'engine-error');
    assert.equal(failureKindOf(new Error('unauthorized: authentication required')), 'registry-auth');
    assert.equal(failureKindOf(new Error('something else')), 'other');
  });
});
