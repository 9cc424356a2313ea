import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import {
  certificateCovers, createAuthority, createServerCertificate, daysLeft, describeCertificate, issuedBy, validateCertificateName,
  type ServerCertificate, type TlsAuthority,
} from '../../../../src/core/provision/certificates';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const DAY_MS = 86_400_000;

// RSA keys take a noticeable moment; one authority and one server certificate serve most tests.
let authority: TlsAuthority;
let otherAuthority: TlsAuthority;
let server: ServerCertificate;
// Whole seconds, as certificates record time; the real clock, as the handshakes below check it.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);

describe('provision/certificates', () => {
  before(function () {
    this.timeout(30_000);
    authority = createAuthority();
    otherAuthority = createAuthority('Another CA');
    server = createServerCertificate(authority, ['Docker.Example.com', '192.0.2.10', 'fd00::2376', 'docker.example.com', '127.0.0.1', 'fd00:0::2376'], { now });
  });

  describe('certificates for the generic driver (one CA and client per computer, one server certificate per machine)', () => {
    it('has the CA sign the server and the client certificate, and a different authority does not pass for it', () => {
      assert.equal(issuedBy(server.cert, authority.caCert), true);
      assert.equal(issuedBy(authority.clientCert, authority.caCert), true);
      assert.equal(issuedBy(server.cert, otherAuthority.caCert), false);
      assert.equal(issuedBy(otherAuthority.clientCert, authority.caCert), false);
      assert.equal(describeCertificate(server.cert).issuer, 'CN=Docker Hosts CA');
    });

    it('lists host names as DNS and addresses (IPv4 and IPv6) as IP names, adds 127.0.0.1 and localhost, once each', () => {
      const facts = describeCertificate(server.cert);
      assert.deepEqual(facts.dnsNames, ['docker.example.com', 'localhost']);
      assert.deepEqual(facts.ipAddresses, ['192.0.2.10', 'fd00::2376', '127.0.0.1']);
      assert.deepEqual(server.names, ['docker.example.com', '192.0.2.10', 'fd00::2376', '127.0.0.1', 'localhost']);
      assert.equal(new X509Certificate(server.cert).subject, 'CN=docker.example.com');
    });

    it('covers each of its names and addresses in any spelling, and nothing else', () => {
      for (const address of ['docker.example.com', 'DOCKER.example.com', '192.0.2.10', 'fd00::2376', '[fd00:0:0::2376]', '127.0.0.1', 'localhost']) {
        assert.equal(certificateCovers(server.cert, address), true, address);
      }
      for (const address of ['other.example.com', 'example.com', '192.0.2.11', 'fd00::1', '::1']) {
        assert.equal(certificateCovers(server.cert, address), false, address);
      }
    });

    it('marks only the CA as a CA, and allows the server only serverAuth and the client only clientAuth', () => {
      assert.equal(new X509Certificate(authority.caCert).ca, true);
      assert.equal(new X509Certificate(authority.clientCert).ca, false);
      assert.equal(new X509Certificate(server.cert).ca, false);
      assert.deepEqual(new X509Certificate(server.cert).keyUsage, [SERVER_AUTH]);
      assert.deepEqual(new X509Certificate(authority.clientCert).keyUsage, [CLIENT_AUTH]);
    });

    it('gives every certificate a random, positive 16-byte serial that Go can parse (no redundant leading zero)', () => {
      const serials = [server.cert, authority.caCert, authority.clientCert].map((pem) => new X509Certificate(pem).serialNumber);
      for (const serial of serials) assert.match(serial, /^(?!00)[0-7][0-9A-F]{31}$/);
      assert.equal(new Set(serials).size, serials.length);
    });

    it('is valid for 825 days from now by default, or for validDays, and daysLeft counts down to its end', () => {
      assert.equal(server.notAfter.getTime(), now.getTime() + 825 * DAY_MS);
      assert.deepEqual(describeCertificate(server.cert).notAfter, server.notAfter);
      assert.ok(describeCertificate(server.cert).notBefore.getTime() <= now.getTime(), 'valid from before now, for a remote clock that lags');
      assert.equal(daysLeft(server.cert, now), 825);
      assert.equal(daysLeft(server.cert, new Date(now.getTime() + 800.5 * DAY_MS)), 24);
      assert.ok(daysLeft(server.cert, new Date(now.getTime() + 826 * DAY_MS)) < 0, 'negative once expired');

      const short = createServerCertificate(authority, ['short.test'], { validDays: 30, now });
      assert.equal(short.notAfter.getTime(), now.getTime() + 30 * DAY_MS);
      assert.equal(daysLeft(short.cert, now), 30);
      assert.ok(daysLeft(authority.caCert) >= 3649, 'the authority lasts ten years');
    });

    it('refuses names that are neither host names nor IP addresses, quoting the value it refused', () => {
      for (const bad of ['$(touch x)', 'a b', '"quoted"', 'a\nb', '-rf', 'a..b', 'host.', '192.168.1.300', 'fe80::1%eth0', `${'a'.repeat(63)}.`.repeat(4) + 'com']) {
        assert.throws(() => createServerCertificate(authority, ['ok.example.com', bad]), (error: Error) => error.message.includes(JSON.stringify(bad)), bad);
        assert.ok(validateCertificateName(bad)?.includes(JSON.stringify(bad)), bad);
      }
      assert.throws(() => createServerCertificate(authority, []), /at least one host name or IP address/);
      assert.throws(() => createServerCertificate(authority, ['ok.test'], { validDays: 0 }), /valid for some days/);
      for (const good of ['docker-1.example.com', '*.example.com', 'localhost', '10.0.0.1', '::1', '2001:db8::8a2e:370:7334']) {
        assert.equal(validateCertificateName(good), undefined, good);
      }
    });
  });

  describe('mutual TLS with these certificates (a real handshake on 127.0.0.1)', () => {
    let engine: tls.Server;
    let port: number;

    before((done) => {
      // What dockerd --tlsverify does: demand a client certificate signed by the CA.
      engine = tls.createServer({ cert: server.cert, key: server.key, ca: authority.caCert, requestCert: true, rejectUnauthorized: true }, (socket) => socket.end('engine'));
      engine.listen(0, '127.0.0.1', () => {
        port = (engine.address() as AddressInfo).port;
        done();
      });
    });

    after((done) => {
      engine.close(() => done());
    });

    /** Connects, and resolves with what the server said, or with the error that ended the connection. */
    function dial(options: tls.ConnectionOptions): Promise<{ said: string; error?: NodeJS.ErrnoException }> {
      return new Promise((resolve) => {
        let said = '';
        const socket = tls.connect({ host: '127.0.0.1', port, ...options });
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (said += chunk));
        socket.on('error', (error: NodeJS.ErrnoException) => {
          socket.destroy();
          resolve({ said, error });
        });
        socket.on('close', () => resolve({ said }));
      });
    }

    it('lets in a client with the client certificate, which verifies the server by IP address and by host name', async () => {
      const client = { ca: authority.caCert, cert: authority.clientCert, key: authority.clientKey };
      assert.deepEqual(await dial(client), { said: 'engine' });
      assert.deepEqual(await dial({ ...client, servername: 'docker.example.com' }), { said: 'engine' });
      assert.deepEqual(await dial({ ...client, servername: 'localhost' }), { said: 'engine' });
    });

    it('refuses a client without a client certificate, and one whose certificate another authority signed', async () => {
      const refusals: [tls.ConnectionOptions, RegExp][] = [
        [{ ca: authority.caCert }, /^ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE$/],
        [{ ca: authority.caCert, cert: otherAuthority.clientCert, key: otherAuthority.clientKey }, /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)$/],
      ];
      for (const [client, reason] of refusals) {
        const refused = once(engine, 'tlsClientError') as Promise<[NodeJS.ErrnoException, tls.TLSSocket]>;
        assert.equal((await dial(client)).said, '', 'the client got nothing from the engine');
        // OpenSSL refuses a missing certificate itself; Node drops an unverified one after the handshake and says why on the socket.
        const [error, socket] = await refused;
        assert.match(String(socket.authorizationError ?? error.code), reason); // a code string at run time, though typed as Error
      }
    });

    it('makes a client that trusts a different CA refuse the server', async () => {
      const result = await dial({ ca: otherAuthority.caCert, cert: authority.clientCert, key: authority.clientKey });
      assert.equal(result.said, '');
      // The engine sends the CA along with its certificate (OpenSSL builds the chain from its ca option).
      assert.match(result.error?.code ?? '', /^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/);
    });

    it('makes a client refuse the server under a name the certificate does not hold', async () => {
      const result = await dial({ ca: authority.caCert, cert: authority.clientCert, key: authority.clientKey, servername: 'other.example.com' });
      assert.equal(result.error?.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    });
  });
});
