import { expect } from 'vitest';
import type { Deps, SettingsOptions } from '../../context';
import { Secrets } from '../../lib/crypto';
import { OutboxProvider } from '../../providers/outbox';
import { TEST_SECRET, type Browser, type TestApp } from '../../testing/test-app';
import { totpAt } from './totp';

/** Signs up, enables TOTP and returns the secret and recovery codes; the browser stays signed in. */
export async function withTotp(t: TestApp, b: Browser = t.browser()) {
  const account = await b.signUp();
  const setup = await b.post('/security/two-factor/totp/setup', { password: account.password });
  expect(setup.status).toBe(200);
  const { secret } = (await setup.json()) as { secret: string };
  const enable = await b.post('/security/two-factor/totp/enable', { code: await totpAt(secret, t.clock.now()) });
  expect(enable.status).toBe(200);
  const { recoveryCodes } = (await enable.json()) as { recoveryCodes: string[] };
  return { ...account, secret, recoveryCodes, browser: b };
}

/** The password step in a new browser; expects the code step to be asked for. */
export async function passwordStep(t: TestApp, account: { email: string; password: string }, b: Browser = t.browser()) {
  const res = await b.post('/auth/sign-in', { email: account.email, password: account.password });
  expect(res.status).toBe(200);
  return { browser: b, body: (await res.json()) as { status: string; methods?: string[] } };
}

/** The next time step's code (moves the clock 30 s so the last accepted step is behind). */
export async function nextCode(t: TestApp, secret: string) {
  t.clock.advance(30_000);
  return totpAt(secret, t.clock.now());
}

export async function rowsOf<T = Record<string, unknown>>(t: TestApp, query: string): Promise<T[]> {
  const result = await t.db.execute(query as never);
  return ((result as any).rows ?? result) as T[];
}

/** Deps equal to the app's (same database, secret and clock), for service-level race tests. */
export function depsOf(t: TestApp, options: Partial<SettingsOptions> = {}): Deps {
  const outbox = new OutboxProvider(t.db, t.clock);
  return {
    db: t.db,
    lookupDb: t.database.lookups ?? t.db,
    dbKind: t.database.kind,
    secrets: new Secrets(TEST_SECRET),
    clock: t.clock,
    mail: outbox,
    sms: outbox,
    appName: 'Settings Kit',
    production: false,
    log: () => {},
    options: { database: t.database, secret: TEST_SECRET, ...options },
  };
}
