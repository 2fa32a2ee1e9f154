import { apiError, demoUser } from '../test/fake-api';
import { make, onDark, providerWith } from '../test/fake-provider';
import '../elements/index';
import '../elements/login-sessions/login-sessions'; // registered at once (the index registers it on first use)

export default { title: 'Settings/Login sessions', component: 'login-sessions' };

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const user = { ...demoUser, timezone: 'Europe/London', language: 'en-GB' };

const sessions = [
  { id: 's1', current: true, device: 'Desktop', browser: 'Chrome 131', os: 'macOS 14.6', ip: '81.2.69.160', country: 'GB', createdAt: minutesAgo(60 * 24 * 3), lastActiveAt: minutesAgo(0) },
  { id: 's2', current: false, device: 'Mobile', browser: 'Mobile Safari 18', os: 'iOS 18.1', ip: '81.2.69.142', country: 'GB', createdAt: minutesAgo(60 * 24 * 9), lastActiveAt: minutesAgo(42) },
  { id: 's3', current: false, device: 'Tablet', browser: 'Chrome 130', os: 'Android 14', ip: '91.198.174.192', country: 'DE', createdAt: minutesAgo(60 * 24 * 12), lastActiveAt: minutesAgo(60 * 26) },
  { id: 's4', current: false, device: 'Desktop', browser: 'Firefox 132', os: 'Windows 10', ip: '192.168.1.20', country: 'Local network', createdAt: minutesAgo(60 * 24 * 20), lastActiveAt: minutesAgo(60 * 24 * 5) },
];

const attempt = (i: number, success: boolean, reason: string | null = null, method = 'password') => ({
  id: `a${i}`,
  at: minutesAgo(i * 37),
  success,
  reason,
  method,
  ip: i % 3 ? '81.2.69.160' : '203.0.113.9',
  country: i % 3 ? 'GB' : 'BR',
  device: i % 2 ? 'Desktop' : 'Mobile',
  browser: i % 2 ? 'Chrome 131' : 'Mobile Safari 18',
  os: i % 2 ? 'macOS 14.6' : 'iOS 18.1',
});
const activity = [attempt(1, true, null, 'passkey'), attempt(2, false, 'wrong_password'), attempt(3, false, 'wrong_code'), attempt(4, true), attempt(5, false, 'locked'), attempt(6, true)];

const story = (routes: Parameters<typeof providerWith>[0], options?: { delay?: number }) =>
  providerWith(
    {
      'GET /me': { user },
      'GET /security/login-alerts': { newLoginEmail: true },
      'PUT /security/login-alerts': (_r: Request, body: unknown) => body,
      'DELETE /security/sessions/:id': () => undefined,
      'POST /security/sessions/revoke-others': { revoked: 3 },
      ...routes,
    },
    make('login-sessions'),
    options,
  );

export const ManySessions = {
  render: () =>
    story({
      'GET /security/sessions': { sessions },
      'GET /security/login-activity': (request: Request) =>
        new URL(request.url).searchParams.get('cursor') ? { items: [attempt(7, true), attempt(8, false, 'wrong_password')], nextCursor: null } : { items: activity, nextCursor: 'next' },
    }),
};

export const OneSession = {
  render: () => story({ 'GET /security/sessions': { sessions: [sessions[0]] }, 'GET /security/login-activity': { items: [attempt(1, true)], nextCursor: null } }),
};

export const EmptyActivity = {
  render: () => story({ 'GET /security/sessions': { sessions: [sessions[0]] }, 'GET /security/login-activity': { items: [], nextCursor: null } }),
};

export const Loading = {
  render: () => story({ 'GET /security/sessions': () => new Promise(() => {}), 'GET /security/login-activity': () => new Promise(() => {}) }),
};

export const Errors = {
  render: () =>
    story({
      'GET /security/sessions': apiError(503, 'unavailable', 'The settings service is not available right now.'),
      'GET /security/login-activity': apiError(503, 'unavailable', 'The settings service is not available right now.'),
    }),
};

/** Host identity without a sessions adapter: the sessions card hides, the activity stays. */
export const NoSessionsAdapter = {
  render: () => story({ 'GET /security/sessions': { available: false, sessions: [] }, 'GET /security/login-activity': { items: activity, nextCursor: null } }),
};

/** The sessions card's shadow root inside the pair, once its rows are there. */
const sessionsRoot = async (canvasElement: HTMLElement, selector: string) => {
  let root: ShadowRoot | null | undefined;
  for (let i = 0; i < 50 && !root?.querySelector(selector); i++) {
    await new Promise((r) => setTimeout(r, 20));
    root = canvasElement.querySelector('login-sessions')?.shadowRoot?.querySelector('active-sessions')?.shadowRoot;
  }
  return root!;
};

export const ConfirmSignOutOthers = {
  render: () => story({ 'GET /security/sessions': { sessions }, 'GET /security/login-activity': { items: activity, nextCursor: null } }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await sessionsRoot(canvasElement, 'li.session');
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Sign out all other sessions'))?.click();
  },
};

export const RevokeFails = {
  render: () =>
    story({
      'GET /security/sessions': { sessions },
      'GET /security/login-activity': { items: activity, nextCursor: null },
      'DELETE /security/sessions/:id': apiError(503, 'unavailable', 'The settings service is not available right now.'),
    }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await sessionsRoot(canvasElement, 'li.session button');
    root.querySelector<HTMLButtonElement>('li.session button')!.click();
    await new Promise((r) => setTimeout(r, 50));
    root.querySelector<HTMLButtonElement>('sk-dialog button[type=submit]')!.click();
  },
};

export const Dark = {
  render: () =>
    onDark(
      providerWith(
        { 'GET /me': { user: { ...user, preferences: { theme: 'dark' } } }, 'GET /security/sessions': { sessions }, 'GET /security/login-activity': { items: activity, nextCursor: 'next' }, 'GET /security/login-alerts': { newLoginEmail: false } },
        make('login-sessions'),
      ),
    ),
};
