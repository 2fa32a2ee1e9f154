import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps, Env, SettingsOptions } from './context';
import { accountsRoutes } from './features/accounts/accounts.routes';
import { accountPolicyRoutes } from './features/account-policy/account-policy.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { confirmationRoutes } from './features/confirmation/confirmation.routes';
import { passwordRecoveryRoutes } from './features/password-recovery/password-recovery.routes';
import { userAdminRoutes } from './features/user-admin/user-admin.routes';
import { loginActivityRoutes } from './features/login-activity/login-activity.routes';
import { passwordRoutes } from './features/password/password.routes';
import { profileRoutes } from './features/profile/profile.routes';
import { sessionsRoutes } from './features/sessions/sessions.routes';
import { outboxRoutes } from './features/outbox/outbox.routes';
import { NotificationGate } from './features/notifications/notifications.service';
import { notificationsRoutes } from './features/notifications/notifications.routes';
import { preferencesRoutes } from './features/preferences/preferences.routes';
import { privacyRoutes } from './features/privacy/privacy.routes';
import { connectedAccountsRoutes } from './features/connected-accounts/connected-accounts.routes';
import { billingRoutes } from './features/billing/billing.routes';
import { twoFactorRoutes } from './features/two-factor/two-factor.routes';
import { contactsRoutes } from './features/contacts/contacts.routes';
import { ringcentralRoutes } from './features/ringcentral/ringcentral.routes';
import { twilioSettingsRoutes } from './features/twilio-settings/twilio-settings.routes';
import { TwilioSettingsSms } from './features/twilio-settings/twilio-settings.service';
import { identify } from './lib/auth';
import { systemClock } from './lib/clock';
import { Secrets } from './lib/crypto';
import { AppError } from './lib/errors';
import { corsFor, originCheck, requireJsonBodies, securityHeaders } from './lib/http';
import { validationHook } from './lib/openapi';
import { requireOptional } from './lib/optional-import';
import { OutboxProvider } from './providers/outbox';

export type { SettingsOptions } from './context';

/**
 * Every feature's routes, chained once at module load (no per-request or per-app rebuild).
 * The chain's type is the typed client's contract: elements import `AppType` as a type only.
 */
const routes = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .get('/health', (c) => c.json({ ok: true as const, db: c.var.deps.dbKind }, 200))
  .route('/', accountsRoutes)
  .route('/', sessionsRoutes)
  .route('/', loginActivityRoutes)
  .route('/', profileRoutes)
  .route('/', passwordRoutes)
  .route('/', twoFactorRoutes)
  .route('/', accountPolicyRoutes)
  .route('/', userAdminRoutes)
  .route('/', auditRoutes)
  .route('/', confirmationRoutes)
  .route('/', passwordRecoveryRoutes)
  .route('/', notificationsRoutes)
  .route('/', preferencesRoutes)
  .route('/', privacyRoutes)
  .route('/', connectedAccountsRoutes)
  .route('/', billingRoutes)
  .route('/', contactsRoutes)
  .route('/', ringcentralRoutes)
  .route('/', twilioSettingsRoutes)
  .route('/', outboxRoutes);

export type AppType = typeof routes;

/** Builds the settings API; mount it anywhere (`host.route('/api', createSettingsApp(options))`). */
export function createSettingsApp(options: SettingsOptions) {
  // Optional SDKs of configured providers must be installed: say so at start, not at the first message.
  if (options.ringcentral) requireOptional('@ringcentral/sdk', 'RingCentral (the `ringcentral` option)');
  const allowedOrigins = (options.allowedOrigins ?? []).map((o) => new URL(o).origin);
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const outbox = new OutboxProvider(options.database.db, clock, log);
  const deps: Deps = {
    db: options.database.db,
    dbKind: options.database.kind,
    secrets: new Secrets(options.secret),
    clock,
    // Notification categories the user turned off are not sent; security mail always is.
    mail: new NotificationGate(options.mail ?? outbox, options.database.db, log),
    sms: new TwilioSettingsSms(options.database.db, options, options.sms ?? outbox),
    appName: options.appName ?? 'Settings Kit',
    production: options.production ?? false,
    log,
    options,
  };

  const app = new OpenAPIHono<Env>({ defaultHook: validationHook });
  app.onError((error, c) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      const body = { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
      return c.json({ error: body }, error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const malformed = /json/i.test(error.message);
      const code = malformed ? 'invalid_json' : 'bad_request';
      const message = malformed ? 'The request body is not valid JSON.' : error.message || 'The request is not valid.';
      return c.json({ error: { code, message } }, error.status as ContentfulStatusCode);
    }
    log(`[error] ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'There is nothing at this address.' } }, 404));

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', securityHeaders(allowedOrigins));
  app.use('*', corsFor(allowedOrigins));
  app.use('*', originCheck(allowedOrigins));
  app.use('*', requireJsonBodies);
  app.use('*', identify);
  app.route('/', routes);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: `${deps.appName} settings API`, version: '1.0.0', description: 'The settings-kit HTTP contract (API.md).' },
  });
  return app;
}
