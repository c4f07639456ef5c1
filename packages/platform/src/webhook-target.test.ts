import { describe, expect, it } from 'vitest';
import { isPublicAddress, publicOnlyLookup, webhookTargetProblem } from './webhook-target.js';

const reasonOf = async (url: string, allowPrivate = false) => (await webhookTargetProblem(new URL(url), allowPrivate))?.reason ?? null;

describe('webhook targets (SSRF)', () => {
  it('refuses non-http(s) schemes and credentials, with the setting on or off', async () => {
    for (const allow of [false, true]) {
      expect(await reasonOf('ftp://example.org/x', allow)).toBe('INVALID_FORMAT');
      expect(await reasonOf('file:///etc/passwd', allow)).toBe('INVALID_FORMAT');
      expect(await reasonOf('https://user:pw@example.org/', allow)).toBe('INVALID_FORMAT');
      expect(await reasonOf('https://user@example.org/', allow)).toBe('INVALID_FORMAT');
    }
  });

  it('refuses loopback, private, link-local, unique-local, unspecified, multicast and metadata targets by default', async () => {
    const refused = [
      'http://127.0.0.1/x', 'http://127.1.2.3:8080/x', 'http://10.0.0.1/x', 'http://172.16.5.4/x', 'http://192.168.1.1/x',
      'http://169.254.169.254/latest', 'http://0.0.0.0/x', 'http://224.0.0.1/x', 'http://255.255.255.255/x', 'http://100.100.100.200/x',
      'http://[::1]/x', 'http://[::]/x', 'http://[fe80::1]/x', 'http://[fc00::1]/x', 'http://[fd00:ec2::254]/latest', 'http://[ff02::1]/x',
      'http://[::ffff:127.0.0.1]/x', 'http://[::ffff:169.254.169.254]/x',
      // the URL parser's other spellings of 127.0.0.1
      'http://2130706433/x', 'http://0x7f.0.0.1/x', 'http://127.1/x',
      'http://localhost/x', 'http://api.localhost/x', 'http://metadata.google.internal/computeMetadata/v1/', 'http://metadata/x',
    ];
    for (const url of refused) expect([url, await reasonOf(url)]).toEqual([url, 'WEBHOOK_TARGET_NOT_ALLOWED']);
  });

  it('accepts public addresses, and private ones only with WEBHOOK_ALLOW_PRIVATE (tests, development)', async () => {
    expect(await reasonOf('https://93.184.215.14/hook')).toBeNull();
    expect(await reasonOf('http://[2606:4700::1111]/hook')).toBeNull();
    expect(await reasonOf('http://127.0.0.1:4321/x', true)).toBeNull();
    expect(await reasonOf('http://[::1]/x', true)).toBeNull();
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('not an address')).toBe(false);
  });

  it('a host name that does not resolve is refused', async () => {
    expect(await reasonOf('https://khong-ton-tai.invalid/hook')).toBe('WEBHOOK_HOST_UNRESOLVED');
  });

  it('the delivery-time lookup refuses a name that resolves to a non-public address (DNS rebinding)', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup('localhost', {}, (e) => resolve(e)));
    expect(err?.code).toBe('WEBHOOK_TARGET_NOT_ALLOWED');
  });
});
