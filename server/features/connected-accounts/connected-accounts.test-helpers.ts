import { expect } from 'vitest';
import type { Browser } from '../../testing/test-app';

export interface PopupResult {
  source?: string;
  provider: string;
  purpose: string | null;
  status: 'linked' | 'signed_in' | 'two_factor_required' | 'error';
  code?: string;
  message?: string;
  openerOrigin: string;
}

/** Plays the user at the provider: opens the authorize URL as `email` and returns where the provider redirects. */
export async function approveAtProvider(authorizeUrl: string, email: string): Promise<URL> {
  const url = new URL(authorizeUrl);
  url.searchParams.set('login_hint', email);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

/** The result the popup page would post to its opener. */
export async function popupResult(res: Response): Promise<PopupResult> {
  expect(res.status).toBe(200);
  const html = await res.text();
  const json = html.match(/<script type="application\/json" id="sk-oauth-result">(.*?)<\/script>/s)?.[1];
  expect(json, html).toBeTruthy();
  return JSON.parse(json!) as PopupResult;
}

/** Links `provider` for the signed-in browser `b` as the provider account `email`. */
export async function linkAccount(b: Browser, provider: string, email: string): Promise<PopupResult> {
  const start = await b.post(`/connected-accounts/${provider}/connect`);
  expect(start.status).toBe(200);
  const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
  const back = await approveAtProvider(authorizeUrl, email);
  return popupResult(await b.get(back.pathname + back.search));
}
