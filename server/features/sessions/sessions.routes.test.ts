import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedDevices } from '../two-factor/two-factor.table';
import { DAY } from '../../lib/clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { APP_DEPS } from '../../app';
import { TRUSTED_COOKIE } from '../two-factor/two-factor.challenge';
import { trustedDeviceHash } from '../two-factor/two-factor.service';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

type Session = { id: string; current: boolean; device: string; browser: string; os: string; ip: string | null; country: string | null; createdAt: string; lastActiveAt: string };
const list = async (b: ReturnType<TestApp['browser']>) => ((await (await b.get('/security/sessions')).json()) as { sessions: Session[] }).sessions;

/** One account signed in from three browsers: a desktop Chrome, a Firefox and an iPhone. */
async function threeBrowsers() {
  const first = t.browser();
  const account = await first.signUp();
  const second = t.browser();
  second.userAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
  const third = t.browser();
  third.userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
  for (const b of [second, third]) expect((await b.post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  return { account, first, second, third };
}

describe('GET /security/sessions', () => {
  it('lists every live session of the user with device, browser, OS and the current one marked', async () => {
    const { second } = await threeBrowsers();
    t.clock.advance(5 * 60_000);
    const sessions = await list(second);
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const current = sessions.find((s) => s.current)!;
    expect(current).toMatchObject({ device: 'Desktop', browser: 'Firefox 121', os: 'Windows 10' });
    expect(sessions[0]).toBe(current); // just touched: most recently active first
    expect(sessions.map((s) => s.device)).toContain('Mobile');
    for (const s of sessions) {
      expect(Date.parse(s.createdAt)).not.toBeNaN();
      expect(Date.parse(s.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
      expect(s).not.toHaveProperty('tokenHash');
    }
  });

  it('needs a session', async () => {
    expect((await t.browser().get('/security/sessions')).status).toBe(401);
  });

  it('leaves out sessions idle for longer than the policy allows', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const old = t.browser();
    await old.post('/auth/sign-in', { email: account.email, password: account.password });
    t.clock.advance(6 * DAY);
    expect(await list(b)).toHaveLength(1 + 1); // both still within the 7-day idle window
    t.clock.advance(6 * DAY);
    // `b` was active 6 days ago (the list call touched it), `old` 12 days ago: idle too long.
    expect((await list(b)).map((s) => s.current)).toEqual([true]);
  });
});

describe('DELETE /security/sessions/:id', () => {
  it('ends another session of mine: its cookie is refused at once', async () => {
    const { first, second } = await threeBrowsers();
    const target = (await list(first)).find((s) => !s.current && s.browser.startsWith('Firefox'))!;
    expect((await second.get('/me')).status).toBe(200);
    expect((await first.delete(`/security/sessions/${target.id}`)).status).toBe(204);
    expect((await second.get('/me')).status).toBe(401);
    expect((await first.get('/me')).status).toBe(200);
    expect(await list(first)).toHaveLength(2);
  });

  it("answers 404 for another user's session and leaves it alone", async () => {
    const mine = await threeBrowsers();
    const stranger = t.browser();
    await stranger.signUp();
    const theirs = (await list(mine.first)).find((s) => !s.current)!;
    const res = await stranger.delete(`/security/sessions/${theirs.id}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(await list(mine.first)).toHaveLength(3);
    expect((await stranger.delete('/security/sessions/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('ending the current session signs this browser out', async () => {
    const b = t.browser();
    await b.signUp();
    const [mine] = await list(b);
    expect((await b.delete(`/security/sessions/${mine!.id}`)).status).toBe(204);
    expect((await b.get('/me')).status).toBe(401);
  });

  it('refuses a foreign Origin (CSRF)', async () => {
    const { first } = await threeBrowsers();
    const other = (await list(first)).find((s) => !s.current)!;
    const res = await first.delete(`/security/sessions/${other.id}`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(await list(first)).toHaveLength(3);
  });
});

describe('POST /security/sessions/revoke-others', () => {
  it('ends every other session, keeps this one, and says how many', async () => {
    const { first, second, third } = await threeBrowsers();
    const res = await first.post('/security/sessions/revoke-others');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    expect((await second.get('/me')).status).toBe(401);
    expect((await third.get('/me')).status).toBe(401);
    expect((await first.get('/me')).status).toBe(200);
    expect(await (await first.post('/security/sessions/revoke-others')).json()).toEqual({ revoked: 0 });
  });

  it('forgets the other trusted devices too (SECURITY.md 16), and keeps this device trusted (#13.4)', async () => {
    const { first, account } = await threeBrowsers();
    const now = t.clock.now();
    const expiresAt = new Date(now.getTime() + 30 * DAY);
    const mine = 'this-device-token-' + account.id;
    await t.db.insert(trustedDevices).values([
      { id: 'td-' + account.id, tokenHash: 'h-' + account.id, userId: account.id, createdAt: now, lastUsedAt: now, expiresAt },
      { id: 'td-mine-' + account.id, tokenHash: trustedDeviceHash(t.app[APP_DEPS], mine), userId: account.id, createdAt: now, lastUsedAt: now, expiresAt },
    ]);
    first.cookies.set(TRUSTED_COOKIE, mine);
    await first.post('/security/sessions/revoke-others');
    const left = await t.db.select({ id: trustedDevices.id }).from(trustedDevices).where(eq(trustedDevices.userId, account.id));
    expect(left).toEqual([{ id: 'td-mine-' + account.id }]);
    // Without this device's cookie, every trusted device goes.
    first.cookies.delete(TRUSTED_COOKIE);
    await first.post('/security/sessions/revoke-others');
    expect(await t.db.select().from(trustedDevices).where(eq(trustedDevices.userId, account.id))).toHaveLength(0);
  });

  it("does not touch another user's sessions", async () => {
    const a = await threeBrowsers();
    const b = await threeBrowsers();
    await a.first.post('/security/sessions/revoke-others');
    expect((await b.second.get('/me')).status).toBe(200);
    expect(await list(b.first)).toHaveLength(3);
  });

  it('refuses a revoked cookie on another server instance sharing the database', async () => {
    const { first, second } = await threeBrowsers();
    const { createSettingsApp } = await import('../../app');
    const { TEST_SECRET } = await import('../../testing/test-app');
    const { Browser } = await import('../../testing/test-app');
    const otherInstance = createSettingsApp({ database: t.database, secret: TEST_SECRET, clock: t.clock, delivery: { worker: 'manual' } });
    const sameCookieElsewhere = new Browser(otherInstance);
    for (const [k, v] of second.cookies) sameCookieElsewhere.cookies.set(k, v);
    expect((await sameCookieElsewhere.get('/me')).status).toBe(200);
    await first.post('/security/sessions/revoke-others');
    expect((await sameCookieElsewhere.get('/me')).status).toBe(401);
  });
});

describe('OpenAPI document', () => {
  it('documents the sessions, login activity, profile, avatar and password routes', async () => {
    const doc = (await (await t.browser().get('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/security/sessions', 'get'],
      ['/security/sessions/{id}', 'delete'],
      ['/security/sessions/revoke-others', 'post'],
      ['/security/login-activity', 'get'],
      ['/security/login-alerts', 'put'],
      ['/profile', 'patch'],
      ['/profile/avatar', 'put'],
      ['/avatars/{id}', 'get'],
      ['/security/password', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeTruthy();
    }
  });
});
