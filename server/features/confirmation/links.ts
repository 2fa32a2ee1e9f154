import type { Context } from 'hono';
import type { Env, SettingsOptions } from '../../context';
import { AppError } from '../../lib/errors';
import { isLoopbackHost } from '../../lib/http';

/**
 * A link to the settings page with a `#name=value` fragment (the fragment never reaches a server
 * log or a Referer header).
 *
 * Password-reset poisoning: a link built from the `Host` (or `X-Forwarded-Host`) header mails the
 * victim a link to whatever site the attacker named, and the token goes there. So the base comes
 * only from configuration: the `pageUrl` option; else the page that asked, when its Origin is in
 * `allowedOrigins`; else `publicOrigin`. A development server with none of them configured links
 * to itself only when it was reached on a loopback name (a forged `Host: localhost` then points
 * at the victim's own machine, never at the attacker's).
 */
export function pageLink(c: Context<Env>, name: string, value: string): string {
  const url = new URL(pageBase(c));
  url.hash = `${name}=${encodeURIComponent(value)}`;
  return url.toString();
}

function pageBase(c: Context<Env>): string {
  const { options } = c.var.deps;
  if (options.pageUrl) return options.pageUrl;
  const origin = c.req.header('origin');
  const allowed = (options.allowedOrigins ?? []).map((o) => new URL(o).origin);
  if (origin && allowed.includes(origin)) return `${origin}/`;
  if (options.publicOrigin) return `${new URL(options.publicOrigin).origin}/`;
  const reached = new URL(c.req.url);
  if (!options.production && isLoopbackHost(reached.hostname)) return `${reached.origin}/`;
  throw new AppError(500, 'link_origin_not_configured', 'This server cannot build links yet: its operator must set PUBLIC_ORIGIN or pageUrl.');
}

/** Production builds links from configuration only: without one of these the server must not start. */
export function assertLinkOriginConfigured(options: Pick<SettingsOptions, 'production' | 'publicOrigin' | 'pageUrl'>): void {
  if (options.production && !options.publicOrigin && !options.pageUrl) {
    throw new Error('settings-kit: in production set PUBLIC_ORIGIN (option publicOrigin) or the pageUrl option; emailed links are built from them, never from the Host header.');
  }
}
