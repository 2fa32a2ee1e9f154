// Barrel of every feature's tables: drizzle-kit reads it to generate migrations, and the db client
// uses it for typed queries. Each feature keeps its tables in `features/<name>/<name>.table.ts`.
export * from '../features/accounts/accounts.table';
export * from '../features/sessions/sessions.table';
export * from '../features/outbox/outbox.table';
export * from '../features/account-policy/account-policy.table';
export * from '../features/profile/profile.table';
export * from '../features/login-activity/login-activity.table';
export * from '../features/lockout/lockout.table';
export * from '../features/two-factor/two-factor.table';
export * from '../features/notifications/notifications.table';
export * from '../features/privacy/privacy.table';
export * from '../features/connected-accounts/connected-accounts.table';
export * from '../features/audit/audit.table';
export * from '../features/confirmation/confirmation.table';
export * from '../features/password-recovery/password-recovery.table';
export * from '../features/contacts/contacts.table';
export * from '../features/ringcentral/ringcentral.table';
export * from '../features/twilio-settings/twilio-settings.table';
export * from '../features/passkeys/passkeys.table';
export * from '../features/email-change/email-change.table';
export * from '../features/delivery/delivery.table';
