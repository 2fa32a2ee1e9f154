import { z } from '@hono/zod-openapi';
import { currentAuth } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { clearCookie, readCookie, SESSION_COOKIE } from './sessions.service';
import { TRUSTED_COOKIE } from '../two-factor/two-factor.challenge';
import { listSessions, prefetchSessionList, revokeOtherSessions, revokeSession, SESSION_LIST_PATH } from './sessions.manage';
import { idParams } from '../../lib/schemas';
import { hostSessions, revokeHostSession, revokeOtherHostSessions } from '../host-identity/host-sessions';

const tags = ['Security'];

export const SessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean().openapi({ description: 'The session of this request ("This device").' }),
    device: z.string().openapi({ example: 'Desktop' }),
    browser: z.string().openapi({ example: 'Chrome 120' }),
    os: z.string().openapi({ example: 'Windows 10' }),
    ip: z.string().nullable(),
    country: z.string().nullable().openapi({ description: 'ISO 3166-1 alpha-2 code, "Local network" or "Unknown".' }),
    createdAt: z.string(),
    lastActiveAt: z.string(),
  })
  .openapi('Session');

const SessionList = z.object({
  available: z.boolean().openapi({ description: 'False under host identity without a `sessions` adapter: the card hides itself rather than show nothing true.' }),
  sessions: z.array(SessionSchema),
});
const listRoute = jsonRoute('get', SESSION_LIST_PATH, { tags, summary: 'Active sessions of the signed-in user, most recently active first', response: SessionList });

const revokeRoute = jsonRoute('delete', '/security/sessions/{id}', {
  tags, summary: "End one session; its cookie is refused from then on, on every instance",
  params: idParams('session'), badRequest: false, noContent: true, errors: { 404: 'No such session of this user' },
});

const revokeOthersRoute = jsonRoute('post', '/security/sessions/revoke-others', { tags, summary: 'End every session except this one', response: z.object({ revoked: z.number().int() }) });

export const sessionsRoutes = featureRouter()
  .openapi(listRoute, async (c) => {
    const auth = currentAuth(c);
    if (auth.identity === 'host') {
      const host = await hostSessions(c, auth);
      return c.json({ available: host !== null, sessions: host ?? [] }, 200);
    }
    return c.json({ available: true, sessions: await listSessions(c.var.deps, auth.user.id, auth, c.get('sessionList') as ReturnType<typeof prefetchSessionList> | undefined) }, 200);
  })
  .openapi(revokeOthersRoute, async (c) => {
    const auth = currentAuth(c);
    if (auth.identity === 'host') return c.json({ revoked: await revokeOtherHostSessions(c, auth) }, 200);
    return c.json({ revoked: await revokeOtherSessions(c.var.deps, auth.user.id, auth.sessionId, readCookie(c, TRUSTED_COOKIE)) }, 200);
  })
  .openapi(revokeRoute, async (c) => {
    const auth = currentAuth(c);
    const { id } = c.req.valid('param');
    if (auth.identity === 'host') {
      await revokeHostSession(c, auth, id);
      return c.body(null, 204);
    }
    await revokeSession(c.var.deps, auth.user.id, id);
    if (id === auth.sessionId) clearCookie(c, SESSION_COOKIE);
    return c.body(null, 204);
  });
