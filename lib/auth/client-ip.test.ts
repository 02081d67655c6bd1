import { describe, expect, it } from 'vitest';
import { clientIpFrom } from './client-ip';

describe('the client address used for sign-in throttling', () => {
  it('takes the entry the nearest proxy added, not the ones a client can forge', () => {
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '1.2.3.4, 10.0.0.1, 203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '::1' }))).toBe('::1');
  });

  it('falls back to X-Real-IP, and to nothing when neither is there', () => {
    expect(clientIpFrom(new Headers({ 'x-real-ip': '198.51.100.4' }))).toBe('198.51.100.4');
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': ' , ' }))).toBeNull();
    expect(clientIpFrom(new Headers())).toBeNull();
  });
});
