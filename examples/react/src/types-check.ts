// Compiled by `tsc --noEmit` in the examples step: the package's types as a TypeScript host sees them.
import type { SettingsOptions } from 'settings-kit/server';
import { createSettingsApp, openDatabase } from 'settings-kit/server';
import { LoginSessions } from 'settings-kit/elements/login-sessions';

export async function check() {
  const database = await openDatabase({ dataDir: 'memory://' });
  const ok: SettingsOptions = { database, secret: 'x'.repeat(32), allowedOrigins: ['https://crm.example.com'], twilioBaseUrl: 'http://127.0.0.1:1' };
  // @ts-expect-error a misspelt option does not compile
  const misspelt: SettingsOptions = { database, secret: 'x'.repeat(32), allowedOrigin: ['https://crm.example.com'] };
  const sessions: LoginSessions = document.createElement('login-sessions'); // HTMLElementTagNameMap
  return [createSettingsApp(ok), misspelt, sessions] as const;
}
