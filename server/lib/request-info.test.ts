import { describe, expect, it } from 'vitest';
import { countryOf, describeUserAgent } from './request-info';

describe('where a request comes from', () => {
  it('names the browser, OS and device from the User-Agent', () => {
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36')).toEqual({
      device: 'Desktop',
      browser: 'Chrome 120',
      os: 'Windows 10',
    });
    const iphone = describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1');
    expect(iphone.device).toBe('Mobile');
    expect(iphone.os).toMatch(/^iOS 17/);
    expect(describeUserAgent('')).toEqual({ device: 'Desktop', browser: 'Unknown browser', os: 'Unknown OS' });
  });

  it('reads loopback and private ranges as "Local network" and public addresses from the bundled database', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.0.9', '172.20.0.1', '::1', 'fd00::1']) expect(countryOf(ip)).toBe('Local network');
    expect(countryOf('8.8.8.8')).toBe('US');
    expect(countryOf('2001:4860:4860::8888')).toBe('US');
    expect(countryOf(null)).toBe('Unknown');
  });
});
