import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Reader } from 'mmdb-lib';
import { UAParser } from 'ua-parser-js';

/** Where a request comes from, as shown in sessions and login activity. */
export interface RequestInfo {
  ip: string | null;
  country: string;
  userAgent: string;
  /** e.g. "Desktop", "Mobile", "Tablet". */
  device: string;
  browser: string;
  os: string;
}

export interface RequestInfoOptions {
  /** Header holding the client IP set by a trusted proxy, e.g. `x-forwarded-for` (first entry is used). */
  trustedIpHeader?: string;
  /** Header holding an ISO country code set by a trusted proxy, e.g. `cf-ipcountry`. */
  trustedCountryHeader?: string;
}

export function describeRequest(c: Context, options: RequestInfoOptions): RequestInfo {
  const ip = clientIp(c, options.trustedIpHeader);
  const headerCountry = options.trustedCountryHeader ? c.req.header(options.trustedCountryHeader)?.trim() : undefined;
  const userAgent = c.req.header('user-agent') ?? '';
  return { ip, country: headerCountry && /^[A-Z]{2}$/i.test(headerCountry) ? headerCountry.toUpperCase() : countryOf(ip), userAgent, ...describeUserAgent(userAgent) };
}

function clientIp(c: Context, trustedHeader?: string): string | null {
  if (trustedHeader) {
    const first = c.req.header(trustedHeader)?.split(',')[0]?.trim();
    if (first && isIP(first)) return first;
  }
  try {
    return normaliseIp(getConnInfo(c).remote.address ?? null);
  } catch {
    return null; // not running on node-server (tests through app.request())
  }
}

const normaliseIp = (ip: string | null) => (ip?.startsWith('::ffff:') ? ip.slice(7) : ip);

const uaCache = new Map<string, { device: string; browser: string; os: string }>();
export function describeUserAgent(userAgent: string) {
  let hit = uaCache.get(userAgent);
  if (!hit) {
    const result = new UAParser(userAgent).getResult();
    const type = result.device.type;
    hit = {
      device: type === 'mobile' ? 'Mobile' : type === 'tablet' ? 'Tablet' : type ? capitalise(type) : 'Desktop',
      browser: [result.browser.name, result.browser.major].filter(Boolean).join(' ') || 'Unknown browser',
      os: [result.os.name, result.os.version].filter(Boolean).join(' ') || 'Unknown OS',
    };
    if (uaCache.size > 1000) uaCache.clear();
    uaCache.set(userAgent, hit);
  }
  return hit;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

let reader: Reader<any> | null | undefined;
/** Country code from the bundled CC0 geo-whois-asn-country database; "Local network" for private ranges. */
export function countryOf(ip: string | null): string {
  if (!ip) return 'Unknown';
  if (isPrivate(ip)) return 'Local network';
  if (reader === undefined) {
    try {
      const require = createRequire(import.meta.url);
      const file = require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
      reader = new Reader(readFileSync(file));
    } catch {
      reader = null;
    }
  }
  try {
    return reader?.get(ip)?.country_code ?? 'Unknown';
  } catch {
    return 'Unknown';
  }
}

function isPrivate(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0;
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
}
