// Helpers for element tests in Chromium: a unique account on the real test server, outbox reading.
import { fixture, html } from '@open-wc/testing';
import { createApiClient, read } from '../elements/api/client';

let n = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now().toString(36)}-${++n}-${Math.random().toString(36).slice(2, 6)}@example.com`;
export const PASSWORD = 'correct horse battery staple';

/** Signs up a fresh account in this browser (the cookie is set) and returns it. */
export async function signUpFresh(displayName = 'Test User') {
  const api = createApiClient('/api');
  const email = uniqueEmail();
  const { user } = await read(api.auth['sign-up'].$post({ json: { email, password: PASSWORD, displayName } }));
  return { ...user, password: PASSWORD, api };
}

export async function signOut() {
  await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'include' });
}

/** The newest outbox message to `to`. */
export async function lastMessageTo(to: string) {
  const { messages } = await read(createApiClient('/api').dev.outbox.$get({ query: { to } }));
  return messages[0];
}

/** Resolves when `predicate` holds, polling each animation frame (up to `timeout` ms). */
export async function until(predicate: () => unknown, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A `<settings-provider>` around the markup `inner`, on a handed-in API client (a `fakeApi()`), in
 * the test's fixture (the test imports settings-provider). The client is set imperatively: Lit would
 * take the client's proxy for a directive.
 */
export async function providedWith(client: unknown, inner: string) {
  const wrapper = await fixture<HTMLElement>(html`<div></div>`);
  const provider = document.createElement('settings-provider');
  provider.client = client as never;
  provider.innerHTML = inner;
  wrapper.append(provider);
  return provider;
}
