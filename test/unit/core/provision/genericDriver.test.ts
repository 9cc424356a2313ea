import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { DriverContext } from '../../../../src/core/machines/driver';
import { certificateMismatch, CERTIFICATE_WARNING_DAYS, engineAddress, genericDriver, PROVISIONED, restartHostCommand, splitNames } from '../../../../src/core/machines/drivers/genericDriver';
import { StoredMachine } from '../../../../src/core/machines/machineStore';
import { dockerServiceScript } from '../../../../src/core/provision/daemonConfig';
import { shellQuote } from '../../../../src/core/util/shellQuote';

function machine(options: StoredMachine['options']): StoredMachine {
  return { id: 'm1', name: 'box', driver: 'generic', options };
}

const DAY = 86_400_000;
const now = new Date('2026-03-01T12:00:00Z');
const authority = { caCert: 'CA-PEM', caKey: 'CA-KEY-PEM', clientCert: 'CLIENT-PEM', clientKey: 'CLIENT-KEY-PEM' };
const context: DriverContext = { resolvePath: (value) => value, tlsAuthority: () => authority };

function validateExtraNames(value: string): string | undefined {
  const field = genericDriver.fields.find((f) => f.key === 'extraNames');
  assert.ok(field?.validate, 'the generic driver asks for extra names and validates them');
  return field.validate(value);
}

describe('generic driver', () => {
  it('splitNames splits on commas and any whitespace, dropping empties', () => {
    assert.deepEqual(splitNames('a.example.com, 10.0.0.5,::1'), ['a.example.com', '10.0.0.5', '::1']);
    assert.deepEqual(splitNames('  a \n b\t,,c  '), ['a', 'b', 'c']);
    assert.deepEqual(splitNames(''), []);
    assert.deepEqual(splitNames(' , '), []);
  });

  it('extraNames accepts host names, wildcards, IPv4 and IPv6 addresses, and nothing at all', () => {
    assert.equal(validateExtraNames('a.example.com, 10.0.0.5, ::1'), undefined);
    assert.equal(validateExtraNames('*.example.com fe80::1 docker-1'), undefined);
    assert.equal(validateExtraNames(''), undefined);
  });

  it('extraNames rejects shell syntax and quotes, naming the bad entry', () => {
    assert.equal(validateExtraNames('$(id)'), '"$(id)" is neither an IP address nor a host name (letters, digits, hyphens and dots; "*." may lead).');
    assert.equal(validateExtraNames('ok.example.com, a b"'), '"b\\"" is neither an IP address nor a host name (letters, digits, hyphens and dots; "*." may lead).');
    assert.match(validateExtraNames('`id`') ?? '', /is neither an IP address nor a host name/);
    assert.match(validateExtraNames('-leading-dash.example.com') ?? '', /is neither an IP address nor a host name/);
    assert.match(validateExtraNames(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`) ?? '', /is neither an IP address nor a host name/, 'longer than 253 characters');
  });

  it('the SSH socket path is not asked; the engine port is, with 2376 by default', () => {
    const keys = genericDriver.fields.map((f) => f.key);
    assert.ok(!keys.includes('remoteSocketPath'));
    assert.equal(genericDriver.fields.find((f) => f.key === 'enginePort')?.default, 2376);
    assert.equal(genericDriver.provisions, true);
  });

  it('certificateMismatch: none when the names cover the address (any case) or when no names were recorded', () => {
    assert.equal(certificateMismatch(machine({ host: '10.0.0.5', [PROVISIONED.certificateNames]: 'box.example.com, 10.0.0.5' })), undefined);
    assert.equal(certificateMismatch(machine({ host: 'Box.Example.com', [PROVISIONED.certificateNames]: 'box.example.com, 10.0.0.5' })), undefined);
    assert.equal(certificateMismatch(machine({ host: 'ssh-alias', [PROVISIONED.engineAddress]: '10.0.0.5', [PROVISIONED.certificateNames]: 'box, 10.0.0.5' })), undefined);
    assert.equal(certificateMismatch(machine({ host: '10.0.0.5' })), undefined);
    assert.equal(certificateMismatch(machine({ host: '10.0.0.5', [PROVISIONED.certificateNames]: '' })), undefined);
  });

  it('certificateMismatch: a different address is named together with the certificate names', () => {
    const message = certificateMismatch(machine({ host: '10.0.0.9', [PROVISIONED.certificateNames]: 'box.example.com, 10.0.0.5' }));
    assert.equal(message, "the engine's certificate names box.example.com, 10.0.0.5 but the machine is reached at 10.0.0.9");
  });

  it('engineAddress: the provisioned address, else the SSH host', () => {
    assert.equal(engineAddress(machine({ host: 'ssh-alias', [PROVISIONED.engineAddress]: '192.168.1.20' })), '192.168.1.20');
    assert.equal(engineAddress(machine({ host: 'ssh-alias' })), 'ssh-alias');
    assert.equal(genericDriver.ip(machine({ host: 'ssh-alias', [PROVISIONED.engineAddress]: '192.168.1.20' })), '192.168.1.20');
  });

  it(`remarks: a certificate expiring within ${CERTIFICATE_WARNING_DAYS} days advises Regenerate Certificates`, () => {
    const remarks = genericDriver.remarks?.(machine({ host: 'h', [PROVISIONED.certificateExpires]: new Date(now.getTime() + 10 * DAY).toISOString() }), now);
    assert.deepEqual(remarks, ['TLS certificate expires 2026-03-11 (in 10 days) — run Regenerate Certificates']);
  });

  it('remarks: a certificate valid for 400 more days gets no advice', () => {
    const remarks = genericDriver.remarks?.(machine({ host: 'h', [PROVISIONED.certificateExpires]: new Date(now.getTime() + 400 * DAY).toISOString() }), now);
    assert.deepEqual(remarks, ['TLS certificate expires 2027-04-05 (in 400 days)']);
    assert.ok(!remarks?.join('\n').includes('Regenerate'));
  });

  it('remarks: an expired certificate says so and advises Regenerate Certificates', () => {
    const remarks = genericDriver.remarks?.(machine({ host: 'h', [PROVISIONED.certificateExpires]: new Date(now.getTime() - 3 * DAY).toISOString() }), now);
    assert.deepEqual(remarks, ['TLS certificate expired 2026-02-26 — run Regenerate Certificates']);
  });

  it('remarks: nothing when no expiry was recorded; a mismatch is added', () => {
    assert.deepEqual(genericDriver.remarks?.(machine({ host: 'h' }), now), []);
    const remarks = genericDriver.remarks?.(machine({ host: '10.0.0.9', [PROVISIONED.certificateNames]: '10.0.0.5' }), now);
    assert.deepEqual(remarks, ["Certificate mismatch: the engine's certificate names 10.0.0.5 but the machine is reached at 10.0.0.9 — run Regenerate Certificates"]);
  });

  // Not run for real: on this machine it would reboot the computer the tests run on.
  it('restartHostCommand detaches a delayed reboot (systemd, then shutdown, then reboot) as root or through sudo; it is valid sh', () => {
    const command = restartHostCommand();
    execFileSync('/bin/sh', ['-n', '-c', command]);
    assert.match(command, /exec sudo -n sh -c/);
    assert.match(command, /nohup sh -c "sleep 2; systemctl reboot \|\| shutdown -r now \|\| reboot" >\/dev\/null 2>&1 <\/dev\/null &/);
  });

  it('serviceCommand wraps the init system script, quoted, for root and for sudo; it is valid sh', () => {
    const serviceCommand = genericDriver.serviceCommand;
    assert.ok(serviceCommand);
    for (const init of ['none', 'systemd', 'openrc', 'sysvinit'] as const) {
      for (const action of ['start', 'stop', 'restart'] as const) {
        const command = serviceCommand(machine({ host: 'h', [PROVISIONED.initSystem]: init }), action);
        const quoted = shellQuote(dockerServiceScript(init, action));
        assert.equal(command, `if [ "$(id -u)" -ne 0 ]; then exec sudo -n sh -c ${quoted}; else exec sh -c ${quoted}; fi`);
        execFileSync('/bin/sh', ['-n', '-c', command]);
      }
    }
    assert.equal(
      serviceCommand(machine({ host: 'h' }), 'start'),
      serviceCommand(machine({ host: 'h', [PROVISIONED.initSystem]: 'none' }), 'start'),
      'no recorded init system means none',
    );
  });

  it('serviceCommand: the quoted script reaches sh -c unchanged (multi-line stop snippet of init none)', () => {
    const command = genericDriver.serviceCommand?.(machine({ host: 'h', [PROVISIONED.initSystem]: 'none' }), 'restart') ?? '';
    const inner = command.slice(command.indexOf('exec sh -c ') + 'exec sh -c '.length, command.lastIndexOf('; fi'));
    const seen = execFileSync('/bin/sh', ['-c', `printf "%s" ${inner}`], { encoding: 'utf8' });
    assert.equal(seen, dockerServiceScript('none', 'restart'));
  });

  it('endpoint: a clear error when the TLS authority is not available', () => {
    const m = machine({ host: 'h', [PROVISIONED.engineAddress]: '10.0.0.5' });
    for (const ctx of [{ resolvePath: (v: string) => v }, { resolvePath: (v: string) => v, tlsAuthority: () => undefined }]) {
      assert.throws(() => genericDriver.endpoint(m, ctx), /client certificate for provisioned machines is not in the editor's secret storage.*Re-provision/);
    }
  });

  it('endpoint: mutual TLS to the engine address and port, carrying the PEMs inline', () => {
    const endpoint = genericDriver.endpoint(machine({ host: 'ssh-alias', enginePort: 12376, [PROVISIONED.engineAddress]: '10.0.0.5' }), context);
    assert.deepEqual(endpoint, { kind: 'tcp', host: '10.0.0.5', port: 12376, tls: { verify: true, caPem: 'CA-PEM', certPem: 'CLIENT-PEM', keyPem: 'CLIENT-KEY-PEM' } });
    const byDefault = genericDriver.endpoint(machine({ host: 'box.example.com' }), context);
    assert.deepEqual(byDefault, { kind: 'tcp', host: 'box.example.com', port: 2376, tls: { verify: true, caPem: 'CA-PEM', certPem: 'CLIENT-PEM', keyPem: 'CLIENT-KEY-PEM' } });
  });

  it('sshDetails come from the SSH fields', () => {
    assert.deepEqual(genericDriver.sshDetails(machine({ host: 'h', user: 'me', port: 2222 })), { host: 'h', port: 2222, user: 'me' });
  });

  // BUG (src/core/machines/drivers/genericDriver.ts, IP = /^[0-9.]+$|:/): the second alternative is unanchored, so
  // any entry containing a colon passes as an "IP address", and any digits-and-dots string does too. Such names are
  // refused only later by createServerCertificate, after Docker may have been installed. Skipped until fixed.
  it('extraNames rejects entries that merely contain a colon, and dotted numbers that are not IPv4', () => {
    assert.match(validateExtraNames('x:$(id)') ?? '', /is neither an IP address nor a host name/);
    assert.match(validateExtraNames('a:b') ?? '', /is neither an IP address nor a host name/);
    assert.match(validateExtraNames('999.1.1.1') ?? '', /is neither an IP address nor a host name/);
    assert.match(validateExtraNames('1.2.3') ?? '', /is neither an IP address nor a host name/);
  });
});
