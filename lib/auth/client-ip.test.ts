import { describe, expect, it } from 'vitest';
import { clientAddress, networkOf } from './client-ip';

const socket = '203.0.113.9';

describe('the client address used for throttling', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ forwardedFor: '1.2.3.4', socketAddress: socket }, { hops: 0 })).toBe(socket);
    expect(clientAddress({ forwardedFor: null, socketAddress: `::ffff:${socket}` }, { hops: 0 })).toBe(socket);
  });

  it('believes as many entries as there are trusted hops, counted from the right', () => {
    const input = { forwardedFor: '6.6.6.6, 198.51.100.4', socketAddress: '10.0.0.2' };
    expect(clientAddress(input, { hops: 1 })).toBe('198.51.100.4');
    expect(clientAddress(input, { hops: 2 })).toBe('6.6.6.6');
    expect(clientAddress(input, { hops: 5 })).toBe('6.6.6.6');
  });

  it('skips only the listed proxies when they are given by address', () => {
    const trust = { addresses: new Set(['10.0.0.2', '10.0.0.3']) };
    expect(clientAddress({ forwardedFor: '6.6.6.6, 198.51.100.4, 10.0.0.3', socketAddress: '10.0.0.2' }, trust)).toBe('198.51.100.4');
    // A request straight from the internet: its own X-Forwarded-For is not believed.
    expect(clientAddress({ forwardedFor: '10.0.0.3', socketAddress: socket }, trust)).toBe(socket);
  });

  it('is unknown when the server cannot tell the socket address', () => {
    expect(clientAddress({ forwardedFor: '1.2.3.4', socketAddress: null }, { hops: 0 })).toBeNull();
  });

  it('counts IPv6 clients by their /64', () => {
    expect(networkOf('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    expect(networkOf('198.51.100.4')).toBe('198.51.100.4');
  });
});
