import type { Context } from 'hono';
import type { Env } from '../../context';
import { ownOrigin } from '../../lib/http';

/**
 * A link to the settings page with a `#name=value` fragment (the fragment never reaches a server
 * log or a Referer header). The page is the `pageUrl` option when set; else the page that asked
 * (its Origin, which the origin check already limited to ours or an allowlisted one); else our own
 * origin.
 */
export function pageLink(c: Context<Env>, name: string, value: string): string {
  const deps = c.var.deps;
  const configured = deps.options.pageUrl;
  const base = configured ?? `${c.req.header('origin') ?? ownOrigin(deps.options.publicOrigin, c.req.url)}/`;
  const url = new URL(base);
  url.hash = `${name}=${encodeURIComponent(value)}`;
  return url.toString();
}
