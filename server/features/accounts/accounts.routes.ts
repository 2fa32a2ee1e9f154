import { currentAuth } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { clearCookie, endSession, SESSION_COOKIE } from '../sessions/sessions.service';
import { SignedIn, SignInBody, SignUpBody, TwoFactorRequired, UserSchema } from './accounts.schemas';
import { signIn, signUp } from './accounts.service';
import { publicUser } from '../sign-in/sign-in-completion';
import { z } from '@hono/zod-openapi';

const tags = ['Auth'];

const signUpRoute = jsonRoute('post', '/auth/sign-up', {
  tags, summary: 'Create an account and sign in',
  public: true, body: SignUpBody, response: z.object({ user: UserSchema }), status: 201, responseDescription: 'Created; the session cookie is set', errors: { 409: '`email_taken`' },
});

const signInRoute = jsonRoute('post', '/auth/sign-in', {
  tags, summary: 'The password step',
  public: true, badRequest: false, body: SignInBody, response: z.union([SignedIn, TwoFactorRequired]), responseDescription: 'Signed in, or a code is needed next',
  errors: { 401: '`invalid_credentials`', 403: '`account_disabled`: the password was right, but an administrator disabled the account', 423: '`account_locked`, with Retry-After', 429: '`try_again`, with Retry-After: 1: other attempts for this account are being checked; nothing was counted' },
});

const signOutRoute = jsonRoute('post', '/auth/sign-out', { tags, summary: 'End this session', noContent: true });

const meRoute = jsonRoute('get', '/me', { tags, summary: 'The signed-in user', response: z.object({ user: UserSchema }) });

export const accountsRoutes = featureRouter()
  .openapi(signUpRoute, async (c) => {
    const user = await signUp(c, c.req.valid('json'));
    return c.json({ user: publicUser(user) }, 201);
  })
  .openapi(signInRoute, async (c) => c.json(await signIn(c, c.req.valid('json')), 200))
  .openapi(signOutRoute, async (c) => {
    const auth = currentAuth(c);
    if (auth.sessionId) await endSession(c.var.deps, auth.sessionId);
    clearCookie(c, SESSION_COOKIE);
    return c.body(null, 204);
  })
  .openapi(meRoute, (c) => c.json({ user: publicUser(currentAuth(c).user) }, 200));
