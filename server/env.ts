import type { Database } from './db/client';
import type { SettingsOptions } from './context';
import { demoBillingFromEnv } from './features/billing/billing.env';
import { oauthFromEnv } from './features/connected-accounts/connected-accounts.env';
import { twilioFromEnv } from './providers/twilio';
import { seedDemoAdmin } from './features/user-admin/demo-admin';
import { contactProvidersFromEnv } from './features/ringcentral/ringcentral.env';

/**
 * Options read from the environment by features (provider credentials, demo sandboxes). Each
 * feature adds its own variables here; main.ts spreads the result into the app options.
 */
export async function configureFromEnv(
  env: NodeJS.ProcessEnv,
  context: { database: Database; production: boolean },
): Promise<Partial<SettingsOptions>> {
  const options: Partial<SettingsOptions> = {};
  // Twilio (two-factor SMS codes, contact messages and calls); without it SMS goes to the outbox.
  const twilio = twilioFromEnv(env);
  if (twilio) options.sms = twilio;
  // The demo's admin account, on an empty database outside production (prints its credentials).
  if (!context.production) await seedDemoAdmin(context.database, env);
  // Connected accounts: real OAuth clients, or the labelled local sandbox provider in the demo.
  const oauth = await oauthFromEnv(env, context.production);
  if (oauth) options.oauth = oauth;
  // Billing: the demo's sample plan (a host passes its own `billing` hook).
  Object.assign(options, demoBillingFromEnv(env, context.production));
  // Contacts: RingCentral (or the demo's labelled local sandbox), Mailgun for email, Twilio base URL.
  const contactProviders = await contactProvidersFromEnv(env, context.production);
  if (options.mail && contactProviders.mail) delete contactProviders.mail; // a mail provider set above wins
  Object.assign(options, contactProviders);
  return options;
}
