import { describe, expect, it } from 'vitest';
import { clientAddress } from './clientAddress.js';

describe('clientAddress', () => {
  it('counts an IPv4 client the same whether it arrived as IPv4 or IPv4-mapped IPv6, and keeps real IPv6', () => {
    expect(clientAddress({ handshake: { address: '::ffff:203.0.113.7' } })).toBe('203.0.113.7');
    expect(clientAddress({ handshake: { address: '203.0.113.7' } })).toBe('203.0.113.7');
    expect(clientAddress({ handshake: { address: '2001:db8::1' } })).toBe('2001:db8::1');
    expect(clientAddress({ handshake: { address: '::ffff:abcd' } })).toBe('::ffff:abcd');
  });
});
