import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
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
import { profilesRoutes } from './features/profile/profiles.routes';
import { sessionsRoutes } from './features/sessions/sessions.routes';
import { outboxRoutes } from './features/outbox/outbox.routes';
import { notificationsRoutes } from './features/notifications/notifications.routes';
import { preferencesRoutes } from './features/preferences/preferences.routes';
import { privacyRoutes } from './features/privacy/privacy.routes';
import { connectedAccountsRoutes } from './features/connected-accounts/connected-accounts.routes';
import { billingRoutes } from './features/billing/billing.routes';
import { twoFactorRoutes } from './features/two-factor/two-factor.routes';
import { contactsRoutes } from './features/contacts/contacts.routes';
import { ringcentralRoutes } from './features/ringcentral/ringcentral.routes';
import { assertCookieConfiguration, sessionWritesSettled } from './features/sessions/sessions.service';
import { emailChangeRoutes } from './features/email-change/email-change.routes';
import { passkeysRoutes } from './features/passkeys/passkeys.routes';
import { healthRoutes } from './features/health/health.routes';
import { twilioSettingsRoutes } from './features/twilio-settings/twilio-settings.routes';
import { QueuedMail, QueuedSms } from './features/delivery/delivery.service';
import { createTransports } from './features/delivery/delivery.transports';
import { DeliveryWorker } from './features/delivery/delivery.worker';
import { identify } from './identify';
import { KIT_SIGN_IN_ROUTES } from './features/host-identity/host-identity.service';
import { systemClock } from './lib/clock';
import { Secrets } from './lib/crypto';
import { assertLinkOriginConfigured } from './features/confirmation/links';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from './lib/database-errors';
import { AppError } from './lib/errors';
import { checkJsonBody, checkOrigin, headerSetter } from './lib/http';
import { validationHook } from './lib/openapi';
import { assertInstalled } from './lib/optional-import';

export type { SettingsOptions } from './context';

/** What features see as `c.var.deps`, for tests that check a piece of it directly (not part of the API). */
export const APP_DEPS = Symbol('settings-kit deps');
export { deliveryBacklog } from './features/delivery/delivery.service';

/**
 * Every feature's routes, chained once at module load (no per-request or per-app rebuild).
 * The chain's type is the typed client's contract: elements import `AppType` as a type only.
 */
const routes = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .route('/', healthRoutes)
  .route('/', accountsRoutes)
  .route('/', sessionsRoutes)
  .route('/', loginActivityRoutes)
  .route('/', profileRoutes)
  .route('/', profilesRoutes)
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
  .route('/', passkeysRoutes)
  .route('/', emailChangeRoutes)
  .route('/', outboxRoutes);

export type AppType = typeof routes;

/** Builds the settings API; mount it anywhere (`host.route('/api', createSettingsApp(options))`). */
export function createSettingsApp(options: SettingsOptions) {
  assertLinkOriginConfigured(options);
  assertCookieConfiguration(options);
  // Optional SDKs of configured providers must be installed: say so at start, not at the first message.
  if (options.ringcentral) assertInstalled('@ringcentral/sdk', 'RingCentral (the `ringcentral` option)');
  const allowedOrigins = (options.allowedOrigins ?? []).map((o) => new URL(o).origin);
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const deps: Deps = {
    db: options.database.db,
    lookupDb: options.database.lookups ?? options.database.db,
    dbKind: options.database.kind,
    secrets: new Secrets(options.secret),
    clock,
    // Sending means queueing: the delivery worker sends through the providers (features/delivery).
    mail: new QueuedMail(() => deps),
    sms: new QueuedSms(() => deps),
    appName: options.appName ?? 'Settings Kit',
    production: options.production ?? false,
    log,
    options,
  };
  const delivery = new DeliveryWorker(deps, createTransports(options, options.database.db, clock, log));
  deps.kickDelivery = () => delivery.kick();
  delivery.start();

  const root = new OpenAPIHono<Env>({ defaultHook: validationHook });
  const app = options.basePath ? (root.basePath(options.basePath) as unknown as typeof root) : root;
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
    if (isDatabaseUnavailable(error)) {
      log(`[error] ${c.req.method} ${c.req.path}: the database cannot be reached (${(error as Error).message})`);
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return c.json({ error: { code: 'unavailable', message: 'The service is briefly unavailable. Please try again in a few seconds.' } }, 503);
    }
    log(`[error] ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, 500);
  });
  const nothingHere = (c: Context) => c.json({ error: { code: 'not_found', message: 'There is nothing at this address.' } }, 404);
  app.notFound(nothingHere);

  // What every request goes through, in this order, as one middleware (each layer of Hono's
  // chain is a closure and a promise more on every request): the headers (so that refusals carry
  // them too; a preflight ends here), the CSRF origin check, the JSON body rule, then who is asking.
  const setHeaders = headerSetter(allowedOrigins);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const preflight = setHeaders(c);
    if (preflight) return preflight;
    checkOrigin(c, allowedOrigins);
    checkJsonBody(c);
    await identify(c);
    await next();
  });
  // A host with its own sign-in: the kit's sign-in, sign-up, recovery and OAuth/passkey sign-in
  // routes do not exist here (API.md "Host identity"), so nothing can sign in beside the host.
  if (options.identify) for (const path of KIT_SIGN_IN_ROUTES) app.use(path, async (c) => nothingHere(c));
  app.route('/', routes);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: `${deps.appName} settings API`, version: '1.0.0', description: 'The settings-kit HTTP contract (API.md).' },
  });
  // A sub-app's notFound is not used once a host mounts it (`host.route('/api', app)`): the host's
  // own 404 would answer in plain text. A last catch-all keeps the error shape under the mount.
  app.all('*', nothingHere);
  // `delivery.drain()` sends what is due now (tests); `stop()` ends this instance's worker
  // and waits for the last-active writes in flight (they do not hold up answers).
  return Object.assign(app, { delivery, stop: (waitMs?: number) => delivery.stop(waitMs).then(sessionWritesSettled), [APP_DEPS]: deps });
}
