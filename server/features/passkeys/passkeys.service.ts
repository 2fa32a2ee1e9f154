import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Deps, Env, SessionUser } from '../../context';
import { MINUTE } from '../../lib/clock';
import { newId } from '../../lib/crypto';
import { AppError, conflict, isUniqueViolation, notFound } from '../../lib/errors';
import { ownOrigin } from '../../lib/http';
import { users } from '../accounts/accounts.table';
import { throttleKey, underLockout } from '../lockout/lockout';
import { passkeyChallenges, passkeys } from './passkeys.table';

/** @simplewebauthn/server (about 100 modules) loads at the first passkey ceremony, not at start. */
const webauthn = () => import('@simplewebauthn/server');

/** A ceremony must finish within this time; the browser's own timeout is the same. */
export const CEREMONY_TTL_MS = 5 * MINUTE;

export const invalidPasskey = () => new AppError(401, 'invalid_passkey', 'That passkey could not be verified. Try again, or sign in with your password.');

/**
 * The relying party: its id (a host name the page's origin ends with) and the origins a ceremony may
 * come from. Configured (`passkeys.rpId`, `passkeys.origins`, for a page on a parent domain), else
 * the page that asked when it is ours or allowlisted, else our own origin.
 */
export function relyingParty(c: Context<Env>): { rpID: string; rpName: string; origins: string[] } {
  const deps = c.get('deps');
  const configured = deps.options.passkeys;
  const own = ownOrigin(deps.options.publicOrigin, c.req.url);
  const origins = configured?.origins ?? [own, ...(deps.options.allowedOrigins ?? []).map((o) => new URL(o).origin)];
  const asked = c.req.header('origin');
  const page = asked && origins.includes(asked) ? asked : own;
  return { rpID: configured?.rpId ?? new URL(page).hostname, rpName: deps.appName, origins };
}

const challengeHash = (deps: Deps, challenge: string) => deps.secrets.keyedHash(challenge, 'passkey-challenge');

async function storeChallenge(deps: Deps, challenge: string, purpose: 'register' | 'authenticate', userId: string | null) {
  const now = deps.clock.now();
  await deps.db.delete(passkeyChallenges).where(lte(passkeyChallenges.expiresAt, now));
  await deps.db.insert(passkeyChallenges).values({ id: newId(), challengeHash: challengeHash(deps, challenge), purpose, userId, expiresAt: new Date(now.getTime() + CEREMONY_TTL_MS) });
}

/** The challenge the browser signed (from clientDataJSON), taken once: a second use finds nothing. */
async function takeChallenge(deps: Deps, clientDataJSON: string, purpose: 'register' | 'authenticate'): Promise<{ challenge: string; userId: string | null } | null> {
  let challenge: unknown;
  try {
    challenge = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')).challenge;
  } catch {
    return null;
  }
  if (typeof challenge !== 'string' || challenge.length > 512) return null;
  const [row] = await deps.db
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.challengeHash, challengeHash(deps, challenge)), eq(passkeyChallenges.purpose, purpose), gt(passkeyChallenges.expiresAt, deps.clock.now())))
    .returning({ userId: passkeyChallenges.userId });
  return row ? { challenge, userId: row.userId } : null;
}

export const passkeyView = (row: typeof passkeys.$inferSelect) => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  synced: row.deviceType === 'multiDevice',
});
export type PasskeyView = ReturnType<typeof passkeyView>;

export async function listPasskeys(deps: Deps, userId: string): Promise<PasskeyView[]> {
  const rows = await deps.db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));
  return rows.map(passkeyView);
}

/** Creation options for a new passkey: discoverable (resident) and with user verification. */
export async function registrationOptions(c: Context<Env>, user: SessionUser) {
  const deps = c.get('deps');
  const rp = relyingParty(c);
  const existing = await deps.db.select({ id: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, user.id));
  const options = await (await webauthn()).generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.displayName || user.email,
    userID: new TextEncoder().encode(user.id),
    timeout: CEREMONY_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((e) => ({ id: e.id, transports: e.transports ?? undefined })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(deps, options.challenge, 'register', user.id);
  return options;
}

/** Verifies the browser's registration answer against the challenge issued to this user, and keeps the passkey. */
export async function registerPasskey(c: Context<Env>, user: SessionUser, input: { name: string; response: RegistrationResponseJSON }): Promise<PasskeyView> {
  const deps = c.get('deps');
  const taken = await takeChallenge(deps, input.response.response.clientDataJSON, 'register');
  if (!taken || taken.userId !== user.id) throw new AppError(400, 'challenge_expired', 'Adding the passkey took too long. Try again.');
  const rp = relyingParty(c);
  let verification;
  try {
    verification = await (await webauthn()).verifyRegistrationResponse({ response: input.response, expectedChallenge: taken.challenge, expectedOrigin: rp.origins, expectedRPID: rp.rpID, requireUserVerification: true });
  } catch {
    throw new AppError(400, 'invalid_passkey', 'Your browser sent a passkey that could not be verified. Try again.');
  }
  if (!verification.verified) throw new AppError(400, 'invalid_passkey', 'Your browser sent a passkey that could not be verified. Try again.');
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  const row = {
    id: newId(),
    userId: user.id,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? input.response.response.transports ?? null,
    name: input.name,
    deviceType: credentialDeviceType,
    backedUp: String(credentialBackedUp),
    createdAt: deps.clock.now(),
    lastUsedAt: null,
  };
  try {
    await deps.db.insert(passkeys).values(row);
  } catch (error) {
    if (isUniqueViolation(error, 'passkeys_credential_id')) throw conflict('passkey_exists', 'This passkey is already registered.');
    throw error;
  }
  await notify(deps, user.email, 'A passkey was added to your account', `The passkey "${input.name}" can now sign in to your ${deps.appName} account. If this was not you, remove it in your security settings and change your password.`);
  return passkeyView(row);
}

export async function renamePasskey(deps: Deps, userId: string, id: string, name: string): Promise<PasskeyView> {
  const [row] = await deps.db.update(passkeys).set({ name }).where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning();
  if (!row) throw notFound('That passkey');
  return passkeyView(row);
}

export async function removePasskey(deps: Deps, user: SessionUser, id: string): Promise<void> {
  const row = await deps.db.transaction(async (tx) => {
    // The user row is locked first, so two removals of a passwordless user's last two passkeys
    // run one after the other and the second sees that only one is left.
    const [me] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).for('update');
    if (me && !me.passwordHash) {
      const [{ n }] = (await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, user.id))) as [{ n: number }];
      const [mine] = await tx.select({ id: passkeys.id }).from(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, user.id)));
      if (mine && Number(n) <= 1) throw conflict('last_sign_in_method', 'This passkey is your only way to sign in here: add another passkey before removing it.');
    }
    const [gone] = await tx.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, user.id))).returning({ name: passkeys.name });
    return gone;
  });
  if (!row) throw notFound('That passkey');
  await notify(deps, user.email, 'A passkey was removed from your account', `The passkey "${row.name}" can no longer sign in to your ${deps.appName} account. If this was not you, change your password.`);
}

/** Request options for a discoverable credential: the browser offers the user's passkeys for this site. */
export async function authenticationOptions(c: Context<Env>) {
  const deps = c.get('deps');
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID: relyingParty(c).rpID, userVerification: 'required', timeout: CEREMONY_TTL_MS });
  await storeChallenge(deps, options.challenge, 'authenticate', null);
  return options;
}

/** Whether the user has a passkey (the 2FA code step then offers one). */
export async function hasPasskeys(deps: Deps, userId: string): Promise<boolean> {
  const [row] = await deps.db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return Boolean(row);
}

/**
 * POST /auth/passkey: verifies a sign-in assertion under the lockout of the credential's account,
 * like every other sign-in step. Returns the user it proves, or null.
 */
export async function verifyPasskey(c: Context<Env>, response: AuthenticationResponseJSON): Promise<string | null> {
  const deps = c.get('deps');
  const [row] = await deps.db.select({ userId: passkeys.userId, email: users.email }).from(passkeys).innerJoin(users, eq(users.id, passkeys.userId)).where(eq(passkeys.credentialId, response.id));
  if (!row) {
    await takeChallenge(deps, response.response.clientDataJSON, 'authenticate'); // spent either way
    return null;
  }
  const ok = await underLockout(deps, throttleKey(deps, row.email), () => checkPasskeyAssertion(c, response, row.userId));
  return ok ? row.userId : null;
}

/**
 * The assertion itself, without the lockout (callers hold it): a live challenge of ours, taken
 * once; a credential of `userId`; its signature, user verification and counter. The counter only
 * moves forward (a lower one, a cloned authenticator, fails in the library), and the conditional
 * update makes two concurrent uses of one signature count once.
 */
export const checkPasskeyAssertion = (c: Context<Env>, response: AuthenticationResponseJSON, userId: string): Promise<boolean> =>
  checkPasskeyAssertionFor(c.get('deps'), relyingParty(c), response, userId);

/** The relying party when there is no request of ours (a host's login calling `twoFactor`). */
export function configuredRelyingParty(deps: Deps, pageOrigin?: string): { rpID: string; rpName: string; origins: string[] } {
  const configured = deps.options.passkeys;
  const own = deps.options.publicOrigin ? [new URL(deps.options.publicOrigin).origin] : [];
  const origins = configured?.origins ?? [...own, ...(deps.options.allowedOrigins ?? []).map((o) => new URL(o).origin)];
  const page = pageOrigin && origins.includes(pageOrigin) ? pageOrigin : origins[0];
  const rpID = configured?.rpId ?? (page ? new URL(page).hostname : 'localhost');
  return { rpID, rpName: deps.appName, origins };
}

/** Request options for a host's login page (no route of ours is involved): the same stored challenge. */
export async function authenticationOptionsFor(deps: Deps, rpID: string) {
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID, userVerification: 'required', timeout: CEREMONY_TTL_MS });
  await storeChallenge(deps, options.challenge, 'authenticate', null);
  return options;
}

export async function checkPasskeyAssertionFor(deps: Deps, rp: { rpID: string; origins: string[] }, response: AuthenticationResponseJSON, userId: string): Promise<boolean> {
  const taken = await takeChallenge(deps, response.response.clientDataJSON, 'authenticate');
  if (!taken) return false;
  const [passkey] = await deps.db.select().from(passkeys).where(and(eq(passkeys.credentialId, response.id), eq(passkeys.userId, userId)));
  if (!passkey) return false;
  try {
    const verification = await (await webauthn()).verifyAuthenticationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
      credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter, transports: passkey.transports ?? undefined },
    });
    if (!verification.verified) return false;
    const moved = await deps.db
      .update(passkeys)
      .set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: deps.clock.now() })
      .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
      .returning({ id: passkeys.id });
    return moved.length === 1;
  } catch {
    return false;
  }
}

async function notify(deps: Deps, to: string, subject: string, text: string) {
  await deps.mail.send({ to, subject, text, category: 'security' });
}
