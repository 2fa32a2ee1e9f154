import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Env } from '../../context';

declare module '../../context' {
  interface SettingsOptions {
    /**
     * The dev outbox answers only outside production and only to loopback requests. Requests that
     * come with no socket (`app.request()` in tests) are not loopback, unless `allowWithoutSocket`.
     */
    devOutbox?: { allowWithoutSocket?: boolean };
  }
}

export function isLoopback(address: string | null | undefined): boolean {
  if (!address) return false;
  const ip = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(ip) === 4) return ip.split('.')[0] === '127';
  return ip === '::1' || ip === '0:0:0:0:0:0:0:1';
}

/** Addresses a proxy forwarded for (X-Forwarded-For, Forwarded, X-Real-IP and the configured header). */
function forwardedFor(c: Context<Env>): string[] {
  const names = ['x-forwarded-for', 'x-real-ip', c.var.deps.options.trustedIpHeader].filter((n): n is string => Boolean(n));
  const listed = names.flatMap((name) => (c.req.header(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const forwarded = c.req.header('forwarded');
  if (forwarded) for (const match of forwarded.matchAll(/for="?\[?([^\]";,]+)/gi)) listed.push(match[1]!);
  return listed;
}

/**
 * True when the request reached this process over loopback: the socket's peer is 127.0.0.0/8 or ::1,
 * and no proxy on this machine forwarded it for someone else (a reverse proxy on loopback would make
 * every visitor look local).
 */
export function fromLoopback(c: Context<Env>): boolean {
  if (!forwardedFor(c).every(isLoopback)) return false;
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    return c.var.deps.options.devOutbox?.allowWithoutSocket === true;
  }
  return isLoopback(peer);
}
