import { createRoute } from '@hono/zod-openapi';
import { currentAuth } from '../../lib/auth';
import { errorResponses, ErrorSchema, featureRouter, jsonBody, jsonResponse, noContent } from '../../lib/openapi';
import { clearCookie, endSession, SESSION_COOKIE } from '../sessions/sessions.service';
import { SignedIn, SignInBody, SignUpBody, TwoFactorRequired, UserSchema } from './accounts.schemas';
import { signIn, signUp } from './accounts.service';
import { publicUser } from '../sign-in/sign-in-completion';
import { z } from '@hono/zod-openapi';

const tags = ['Auth'];

const signUpRoute = createRoute({
  method: 'post',
  path: '/auth/sign-up',
  tags,
  summary: 'Create an account and sign in',
  request: jsonBody(SignUpBody),
  responses: {
    201: jsonResponse(z.object({ user: UserSchema }), 'Created; the session cookie is set'),
    400: errorResponses[400],
    409: jsonResponse(ErrorSchema, '`email_taken`'),
  },
});

const signInRoute = createRoute({
  method: 'post',
  path: '/auth/sign-in',
  tags,
  summary: 'The password step',
  request: jsonBody(SignInBody),
  responses: {
    200: jsonResponse(z.union([SignedIn, TwoFactorRequired]), 'Signed in, or a code is needed next'),
    401: jsonResponse(ErrorSchema, '`invalid_credentials`'),
    403: jsonResponse(ErrorSchema, '`account_disabled`: the password was right, but an administrator disabled the account'),
    423: jsonResponse(ErrorSchema, '`account_locked`, with Retry-After'),
    429: jsonResponse(ErrorSchema, '`try_again`, with Retry-After: 1: other attempts for this account are being checked; nothing was counted'),
  },
});

const signOutRoute = createRoute({
  method: 'post',
  path: '/auth/sign-out',
  tags,
  summary: 'End this session',
  responses: { 204: noContent, 401: errorResponses[401] },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags,
  summary: 'The signed-in user',
  responses: { 200: jsonResponse(z.object({ user: UserSchema })), 401: errorResponses[401] },
});

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
