// settings-kit/server: the public entry of the compiled server (dist/server/index.js).
// Plain Node ≥ 20.19 runs it; provider SDKs and database drivers are optional peer dependencies,
// loaded with import() only when configured (lib/optional-import.ts names the package to install).
export { createSettingsApp, type AppType } from './app';
export { createSettingsKit, type SettingsKit, type TwoFactorVerifyInput, type ActivityEntry, type HostRequest } from './kit';
export { openDatabase, type Database, type Db, type DbKind, type OpenDatabaseOptions } from './db/client';
export type { SettingsOptions, HostIdentity, HostSession, HostSessionsAdapter } from './context';
export type { Clock } from './lib/clock';
export type { RequestInfoOptions } from './lib/request-info';
export type { MailMessage, MailProvider, SmsMessage, SmsProvider } from './providers/types';
export type { BillingSummary, BillingUser } from './features/billing/billing.service';
export type { OAuthOptions, OAuthProviderConfig, OAuthProvider } from './features/connected-accounts/connected-accounts.providers';
export type { RingCentralConfig } from './providers/ringcentral';
export { TwilioProvider, type TwilioCredentials } from './providers/twilio';
export { MailgunProvider, type MailgunConfig } from './providers/mailgun';
// The modules below add their keys to SettingsOptions by declaration merging (`twilioBaseUrl`,
// `ringcentral`); re-exporting from them keeps their augmentation in the published types.
export type { TwilioSettingsView } from './features/twilio-settings/twilio-settings.service';
export type { CallbackOutcome as RingCentralCallbackOutcome } from './features/ringcentral/ringcentral.service';
