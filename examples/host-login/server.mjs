// A Hono host with its OWN sign-in (email + password, its own session cookie) that embeds the
// settings page and lets the kit's second factor guard its login. Plain node, no build:
// `node server.mjs` (PORT, default 3000). Demo user: ada@example.com / correct horse battery staple.
//
// - `identify` tells the kit who is signed in (from the host's cookie): no kit password, no kit sign-in.
// - After the password, `kit.twoFactor.isRequired()` decides whether to ask for a code; the code page
//   shows <two-factor-challenge mode="host">, whose `sk-two-factor-code` is posted to this host's
//   own route, which calls `kit.twoFactor.verify()` and then `kit.activity.record()`.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createSettingsKit, openDatabase } from 'settings-kit/server';

// The host's users: an in-memory map with scrypt hashes (a real host has its own table).
const hash = (password, salt) => scryptSync(password, salt, 32);
const USERS = new Map(
  [['ada@example.com', 'host-user-1', 'Ada Lovelace', 'correct horse battery staple']].map(([email, id, name, password]) => {
    const salt = randomBytes(16);
    return [email, { id, email, name, salt, hash: hash(password, salt) }];
  }),
);
const byId = (id) => [...USERS.values()].find((u) => u.id === id);

// The host's sessions (sid → user id and login time) and half-done logins waiting for the code.
const sessions = new Map();
const pending = new Map();
const cookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/' };
const SESSION = 'crm_session';
const PENDING = 'crm_pending';
const DEVICE = 'crm_device'; // the kit's trusted-device token, kept in the host's own cookie

const sessionOf = (c) => sessions.get(getCookie(c, SESSION) ?? '');
const requestOf = (c) => ({ ip: c.env?.incoming?.socket?.remoteAddress ?? null, userAgent: c.req.header('user-agent') ?? '' });

const kit = createSettingsKit({
  database: await openDatabase({ url: process.env.DATABASE_URL }), // PGlite in memory without a URL
  secret: process.env.SETTINGS_SECRET ?? 'example-only-secret-of-at-least-32-chars',
  appName: 'Host CRM',
  identify: async (c) => {
    const session = sessionOf(c);
    const user = session && byId(session.userId);
    return user ? { externalId: user.id, email: user.email, displayName: user.name, reauthenticatedAt: session.signedInAt } : null;
  },
});

function signIn(c, user) {
  const sid = randomBytes(24).toString('base64url');
  sessions.set(sid, { userId: user.id, signedInAt: new Date() });
  setCookie(c, SESSION, sid, cookieOptions);
}

/** State-changing JSON calls from the code page: same origin only (hono/csrf does not check JSON). */
const sameOrigin = (c) => c.req.header('origin') === new URL(c.req.url).origin;

const page = (title, body) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <meta name="settings-kit-api" content="/api/settings" />
    <script type="module" src="/assets/settings-kit.js"></script>
    <style>body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding-inline: 1rem; }</style>
  </head>
  <body>${body}</body>
</html>`;

const cdn = await readFile(fileURLToPath(import.meta.resolve('settings-kit/cdn')));
const app = new Hono();
app.get('/assets/settings-kit.js', (c) => c.body(cdn, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
app.route('/api/settings', kit.app);

app.get('/login', (c) =>
  c.html(
    page(
      'Host CRM: log in',
      `<h1>Host CRM</h1>
      <form method="post" action="/login">
        ${c.req.query('error') ? '<p role="alert">Wrong email or password.</p>' : ''}
        <p><label>Email <input name="email" type="email" autocomplete="username" required /></label></p>
        <p><label>Password <input name="password" type="password" autocomplete="current-password" required /></label></p>
        <button type="submit">Log in</button>
      </form>`,
    ),
  ),
);

app.post('/login', async (c) => {
  const form = await c.req.parseBody();
  const user = USERS.get(String(form.email ?? '').trim().toLowerCase());
  const ok = user && timingSafeEqual(hash(String(form.password ?? ''), user.salt), user.hash);
  if (!ok) {
    if (user) await kit.activity.record(user.id, { outcome: 'failed', reason: 'wrong_password', ...requestOf(c) });
    return c.redirect('/login?error=1', 303);
  }
  // The user may have turned two-factor on in the settings page: then the kit's code is asked too,
  // unless this browser holds a live trusted-device token.
  if (await kit.twoFactor.isRequired(user.id, { deviceToken: getCookie(c, DEVICE), ...requestOf(c) })) {
    const token = randomBytes(24).toString('base64url');
    pending.set(token, { userId: user.id, expires: Date.now() + 10 * 60_000 });
    setCookie(c, PENDING, token, { ...cookieOptions, maxAge: 600 });
    return c.redirect('/login/two-factor', 303);
  }
  signIn(c, user);
  await kit.activity.record(user.id, { outcome: 'succeeded', ...requestOf(c) });
  return c.redirect('/', 303);
});

const pendingOf = (c) => {
  const entry = pending.get(getCookie(c, PENDING) ?? '');
  return entry && entry.expires > Date.now() ? entry : null;
};

app.get('/login/two-factor', async (c) => {
  const entry = pendingOf(c);
  if (!entry) return c.redirect('/login', 303);
  const methods = (await kit.twoFactor.methods(entry.userId)).join(',');
  return c.html(
    page(
      'Host CRM: two-factor authentication',
      `<h1>Host CRM</h1>
      <two-factor-challenge mode="host" methods="${methods}"></two-factor-challenge>
      <script type="module">
        const el = document.querySelector('two-factor-challenge');
        const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
        el.passkeyOptions = () => post('/login/two-factor/passkey-options').then((r) => r.json());
        el.addEventListener('sk-two-factor-code', async (event) => {
          const res = await post('/login/two-factor', event.detail);
          if (res.ok) { el.succeed(); location.assign('/'); }
          else if (res.status === 410) location.assign('/login');
          else el.fail();
        });
        el.addEventListener('sk-two-factor-sms-requested', async () => {
          const res = await post('/login/two-factor/sms');
          if (res.status === 429) el.fail({ code: 'rate_limited', retryAfter: Number(res.headers.get('retry-after')) || 60 });
          else if (!res.ok) el.fail('The text message could not be sent. Use another way.');
        });
        el.addEventListener('sk-two-factor-cancelled', () => location.assign('/login'));
      </script>`,
    ),
  );
});

app.post('/login/two-factor', async (c) => {
  const entry = pendingOf(c);
  if (!sameOrigin(c)) return c.json({ ok: false }, 403);
  if (!entry) return c.json({ ok: false, code: 'challenge_expired' }, 410);
  const { method, code, trustDevice } = await c.req.json();
  if (!['totp', 'sms', 'recovery_code', 'passkey'].includes(method) || typeof code !== 'string' || !code || code.length > 16_384) return c.json({ ok: false }, 400);
  const ok = await kit.twoFactor.verify(entry.userId, {
    method,
    code,
    trustDevice: trustDevice === true,
    deviceToken: getCookie(c, DEVICE),
    onDeviceToken: (token) => setCookie(c, DEVICE, token, { ...cookieOptions, maxAge: 30 * 24 * 3600 }),
    origin: new URL(c.req.url).origin,
    ...requestOf(c),
  });
  if (!ok) return c.json({ ok: false }, 401); // counted by the kit's lockout, and in the login activity
  pending.delete(getCookie(c, PENDING));
  deleteCookie(c, PENDING, { path: '/' });
  signIn(c, byId(entry.userId));
  await kit.activity.record(entry.userId, { outcome: 'succeeded', ...requestOf(c) });
  return c.json({ ok: true });
});

app.post('/login/two-factor/sms', async (c) => {
  const entry = pendingOf(c);
  if (!sameOrigin(c) || !entry) return c.json({ ok: false }, 403);
  try {
    await kit.twoFactor.sendSmsCode(entry.userId);
    return c.json({ ok: true });
  } catch (error) {
    if (error?.code === 'rate_limited') return c.json({ ok: false }, 429);
    throw error;
  }
});

app.post('/login/two-factor/passkey-options', async (c) => {
  if (!sameOrigin(c) || !pendingOf(c)) return c.json({ ok: false }, 403);
  return c.json(await kit.twoFactor.passkeyOptions(new URL(c.req.url).origin));
});

app.post('/logout', (c) => {
  sessions.delete(getCookie(c, SESSION) ?? '');
  deleteCookie(c, SESSION, { path: '/' });
  return c.redirect('/login', 303);
});

// The host's own page, with the kit's settings inside. `sk-unauthenticated` sends the user to log in.
app.get('/', (c) => {
  const user = sessionOf(c) && byId(sessionOf(c).userId);
  if (!user) return c.redirect('/login', 303);
  return c.html(
    page(
      'Host CRM: account settings',
      `<h1>Host CRM</h1>
      <p>Signed in as ${user.name}. <form method="post" action="/logout" style="display:inline"><button type="submit">Log out</button></form></p>
      <profile-settings api-base="/api/settings"></profile-settings>
      <script type="module">
        document.addEventListener('sk-unauthenticated', () => location.assign('/login'));
        // A sensitive action needs a login within 10 minutes (reauthenticatedAt): log in again.
        document.addEventListener('sk-reauthenticate', () => location.assign('/login'));
      </script>`,
    ),
  );
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => console.log(`host-login listening on http://127.0.0.1:${info.port}`));
