import * as assert from 'node:assert/strict';
import { DriverField } from '../../../../src/core/machines/driver';
import { fieldsToAsk, optionsFromEntered } from '../../../../src/core/machines/wizardFields';

const fields: DriverField[] = [
  { key: 'host', label: 'Host', description: '', type: 'string', required: true },
  { key: 'tls', label: 'TLS', description: '', type: 'boolean', default: true },
  { key: 'caFile', label: 'CA', description: '', type: 'file', when: (values) => values.tls === true },
  { key: 'port', label: 'Port', description: '', type: 'number' },
];

describe('which fields the machine wizard asks', () => {
  it('asks a field with a when only while the answers before it make it hold', () => {
    assert.deepEqual(fieldsToAsk(fields, { host: 'a', tls: true }).map((f) => f.key), ['host', 'tls', 'caFile', 'port']);
    assert.deepEqual(fieldsToAsk(fields, { host: 'a', tls: false }).map((f) => f.key), ['host', 'tls', 'port']);
    assert.deepEqual(fieldsToAsk(fields, {}).map((f) => f.key), ['host', 'tls', 'port']);
  });

  it('saves only the asked fields that were answered: going back and turning TLS off drops the CA entered before', () => {
    const entered = { host: 'a', tls: false, caFile: '/ca.pem', port: '' as const, stray: 'x' };
    assert.deepEqual(optionsFromEntered(fields, entered), { host: 'a', tls: false });
    assert.deepEqual(optionsFromEntered(fields, { ...entered, tls: true, port: 2376 }), { host: 'a', tls: true, caFile: '/ca.pem', port: 2376 });
  });
});
