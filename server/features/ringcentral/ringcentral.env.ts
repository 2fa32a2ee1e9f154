import type { SettingsOptions } from '../../context';
import { MailgunProvider } from '../../providers/mailgun';
import { startFakeRingCentral } from '../../sandbox/fake-ringcentral';

/**
 * Contact providers from the environment:
 * - RingCentral: RINGCENTRAL_CLIENT_ID, RINGCENTRAL_CLIENT_SECRET, RINGCENTRAL_SERVER (default
 *   https://platform.ringcentral.com), RINGCENTRAL_REDIRECT_URI (default: the API's
 *   /integrations/ringcentral/callback). Outside production without a client id, the demo runs the
 *   local fake RingCentral (server/sandbox/fake-ringcentral.ts), labelled "RingCentral sandbox" on its
 *   consent page and in <user-contacts>; RINGCENTRAL_SANDBOX=off turns it off,
 *   RINGCENTRAL_SANDBOX_PORT fixes its port (default: a free one), on 127.0.0.1.
 * - Mailgun (email): MAILGUN_API_KEY, MAILGUN_DOMAIN, MAILGUN_FROM, MAILGUN_URL (EU: https://api.eu.mailgun.net).
 * - TWILIO_BASE_URL also applies to the Twilio account the admin saves (tests, proxies).
 */
export async function contactProvidersFromEnv(
  env: NodeJS.ProcessEnv,
  production: boolean,
  log: (line: string) => void = console.log,
): Promise<Partial<SettingsOptions>> {
  const options: Partial<SettingsOptions> = {};
  if (env.TWILIO_BASE_URL) options.twilioBaseUrl = env.TWILIO_BASE_URL;
  if (env.MAILGUN_API_KEY && env.MAILGUN_DOMAIN) {
    options.mail = new MailgunProvider({
      apiKey: env.MAILGUN_API_KEY,
      domain: env.MAILGUN_DOMAIN,
      from: env.MAILGUN_FROM || `no-reply@${env.MAILGUN_DOMAIN}`,
      url: env.MAILGUN_URL || undefined,
    });
  }
  if (env.RINGCENTRAL_CLIENT_ID) {
    if (!env.RINGCENTRAL_CLIENT_SECRET) throw new Error('RINGCENTRAL_CLIENT_SECRET is required with RINGCENTRAL_CLIENT_ID.');
    options.ringcentral = {
      server: env.RINGCENTRAL_SERVER || 'https://platform.ringcentral.com',
      clientId: env.RINGCENTRAL_CLIENT_ID,
      clientSecret: env.RINGCENTRAL_CLIENT_SECRET,
      redirectUri: env.RINGCENTRAL_REDIRECT_URI || undefined,
    };
  } else if (!production && env.RINGCENTRAL_SANDBOX !== 'off') {
    const fake = await startFakeRingCentral({ clientId: 'settings-kit-sandbox', port: Number(env.RINGCENTRAL_SANDBOX_PORT ?? 0), log });
    fake.server.unref();
    log(`[ringcentral] SANDBOX RingCentral on ${fake.url} (demo only: a local fake, no real account, number or message)`);
    options.ringcentral = { server: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, sandbox: true };
  }
  return options;
}
