import { hasPasskeys } from '../passkeys/passkeys.service';
import { and, count, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { requireE164 } from '../../lib/phone';
import type { Deps, SessionUser } from '../../context';
import { DAY, MINUTE, SECOND } from '../../lib/clock';
import { newId, randomBase32 } from '../../lib/crypto';
import { AppError, conflict } from '../../lib/errors';
import { consumeCode, newCode, storeCode } from '../../lib/one-time-codes';
import { confirmItsYou } from '../../lib/reauthenticate';
import { users } from '../accounts/accounts.table';
import { checkTotp, newTotpSecret, totpUri } from './totp';
import { recoveryCodes, smsCodes, trustedDevices, twoFactor } from './two-factor.table';
import { enqueue, kick } from '../delivery/delivery.service';

export const RECOVERY_CODE_COUNT = 10;
export const SMS_CODE_TTL_MS = 10 * MINUTE;
export const SMS_MAX_ATTEMPTS = 5;
export const SMS_RESEND_AFTER_MS = 30 * SECOND;
const SMS_CODE_RULES = { table: smsCodes, key: smsCodes.binding, purpose: 'sms-code', ttlMs: SMS_CODE_TTL_MS, maxAttempts: SMS_MAX_ATTEMPTS, resendAfterMs: SMS_RESEND_AFTER_MS };
export const TRUSTED_DEVICE_MS = 30 * DAY;

export type TwoFactorMethod = 'totp' | 'sms' | 'passkey' | 'recovery_code';

/* ---------------------------------------------------------------- state */

const secretContext = (userId: string) => `two_factor:${userId}`;
const phoneContext = (userId: string) => `two_factor_phone:${userId}`;

export async function twoFactorState(deps: Deps, userId: string) {
  const [row] = await deps.db.select().from(twoFactor).where(eq(twoFactor.userId, userId));
  return row ?? null;
}

async function ensureRow(deps: Deps, userId: string) {
  await deps.db.insert(twoFactor).values({ userId }).onConflictDoNothing();
}

/** Keeps `users.two_factor_enabled` equal to "TOTP or SMS is on" — in one statement, from the row. */
async function syncUserFlag(db: Deps['db'], userId: string) {
  await db
    .update(users)
    .set({
      twoFactorEnabled: sql`exists (select 1 from ${twoFactor} where ${twoFactor.userId} = ${userId} and (${twoFactor.totpSecret} is not null or ${twoFactor.smsPhone} is not null))`,
    })
    .where(eq(users.id, userId));
}

/** Methods a user can answer the code step with. */
export async function methodsOf(deps: Deps, userId: string): Promise<TwoFactorMethod[]> {
  const state = await twoFactorState(deps, userId);
  const methods: TwoFactorMethod[] = [];
  if (state?.totpSecret) methods.push('totp');
  if (state?.smsPhone) methods.push('sms');
  // A passkey passes the code step too, but does not turn two-factor authentication on by itself.
  if (methods.length && (await hasPasskeys(deps, userId))) methods.push('passkey');
  if (methods.length) methods.push('recovery_code');
  return methods;
}

export const maskPhone = (phone: string) => `${phone.slice(0, Math.min(3, phone.length - 4))}•••••${phone.slice(-2)}`;

/** GET /security. */
export async function securityOverview(deps: Deps, userId: string) {
  const state = await twoFactorState(deps, userId);
  const [{ n }] = (await deps.db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))) as [{ n: number }];
  const [user] = await deps.db.select({ passwordChangedAt: users.passwordChangedAt }).from(users).where(eq(users.id, userId));
  const phone = state?.smsPhone ? deps.secrets.decrypt(state.smsPhone, phoneContext(userId)) : null;
  const [{ devices }] = (await deps.db
    .select({ devices: count() })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, deps.clock.now())))) as [{ devices: number }];
  return {
    twoFactor: {
      enabled: Boolean(state?.totpSecret || state?.smsPhone),
      totp: Boolean(state?.totpSecret),
      totpEnabledAt: state?.totpEnabledAt?.toISOString() ?? null,
      totpPending: Boolean(state?.totpPendingSecret),
      sms: Boolean(state?.smsPhone),
      smsEnabledAt: state?.smsEnabledAt?.toISOString() ?? null,
      phone: phone ? maskPhone(phone) : null,
      recoveryCodesRemaining: Number(n),
      recoveryCodesCreatedAt: state?.recoveryCodesCreatedAt?.toISOString() ?? null,
    },
    passwordChangedAt: user?.passwordChangedAt.toISOString() ?? null,
    trustedDevices: Number(devices),
  };
}

/* ---------------------------------------------------------------- re-authentication */

/** Re-authentication before any 2FA change (SECURITY.md 21): the shared check of lib/reauthenticate.ts. */
export const confirmPassword = (deps: Deps, user: SessionUser, password: string | undefined) => confirmItsYou(deps, user, password);

/* ---------------------------------------------------------------- recovery codes */

/** `abcde-fghij`: 10 base32 characters (50 bits), shown grouped and lower-case. */
export const newRecoveryCode = () => {
  const raw = randomBase32(10).toLowerCase();
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
};

/** Accepts any case, with or without the dash or spaces. */
export const normaliseRecoveryCode = (code: string) => code.replace(/[\s-]+/g, '').toUpperCase();

const recoveryHash = (deps: Deps, userId: string, code: string) => deps.secrets.keyedHash(`${userId}:${normaliseRecoveryCode(code)}`, 'recovery-code');

/** Replaces the set: the old codes are void in the same transaction. Returns the new codes (shown once). */
export async function replaceRecoveryCodes(deps: Deps, db: Deps['db'], userId: string): Promise<string[]> {
  const now = deps.clock.now();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  if (new Set(codes).size !== codes.length) return replaceRecoveryCodes(deps, db, userId);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((code) => ({ id: newId(), userId, codeHash: recoveryHash(deps, userId, code), createdAt: now })));
  await db.update(twoFactor).set({ recoveryCodesCreatedAt: now }).where(eq(twoFactor.userId, userId));
  return codes;
}

/** Uses a recovery code: one atomic UPDATE … WHERE used_at IS NULL, so only one of many concurrent uses wins. */
export async function consumeRecoveryCode(deps: Deps, userId: string, code: string): Promise<boolean> {
  if (normaliseRecoveryCode(code).length !== 10) return false;
  const used = await deps.db
    .update(recoveryCodes)
    .set({ usedAt: deps.clock.now() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, recoveryHash(deps, userId, code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

/** POST /security/two-factor/recovery-codes. */
export async function regenerateRecoveryCodes(deps: Deps, user: SessionUser, password: string | undefined) {
  await confirmPassword(deps, user, password);
  const state = await twoFactorState(deps, user.id);
  if (!state?.totpSecret && !state?.smsPhone) throw conflict('two_factor_disabled', 'Turn on two-factor authentication first.');
  const codes = await deps.db.transaction((tx) => replaceRecoveryCodes(deps, tx as unknown as Deps['db'], user.id));
  await securityMail(deps, user, 'New recovery codes were created', [
    `New recovery codes were created for your ${deps.appName} account. Your old codes no longer work.`,
  ]);
  return codes;
}

/* ---------------------------------------------------------------- TOTP */

/** POST /security/two-factor/totp/setup: a new pending secret (the old pending one is replaced). */
export async function startTotpSetup(deps: Deps, user: SessionUser, password: string | undefined) {
  await confirmPassword(deps, user, password);
  await ensureRow(deps, user.id);
  const state = await twoFactorState(deps, user.id);
  if (state?.totpSecret) throw conflict('totp_already_enabled', 'The authenticator app is already set up. Turn it off first to set it up again.');
  const secret = newTotpSecret();
  await deps.db
    .update(twoFactor)
    .set({ totpPendingSecret: deps.secrets.encrypt(secret, secretContext(user.id)), totpPendingAt: deps.clock.now() })
    .where(eq(twoFactor.userId, user.id));
  const issuer = (deps.options.twoFactor?.issuer ?? deps.appName).replace(/:/g, '');
  const otpauthUri = totpUri(issuer, user.email, secret);
  // qrcode loads at the first setup, not at start.
  const { default: QRCode } = await import('qrcode');
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrSvg, issuer };
}

/** DELETE /security/two-factor/totp/setup. */
export async function cancelTotpSetup(deps: Deps, userId: string) {
  await deps.db.update(twoFactor).set({ totpPendingSecret: null, totpPendingAt: null }).where(eq(twoFactor.userId, userId));
}

const PENDING_TTL_MS = 30 * MINUTE;
const invalidCode = () => new AppError(400, 'invalid_code', 'That code is not correct. Check your app and try again.', { code: 'That code is not correct.' });

/** POST /security/two-factor/totp/enable: the first code proves the app has the secret; its step is kept. */
export async function enableTotp(deps: Deps, user: SessionUser, code: string) {
  const state = await twoFactorState(deps, user.id);
  const now = deps.clock.now();
  if (state?.totpSecret) throw conflict('totp_already_enabled', 'The authenticator app is already set up.');
  if (!state?.totpPendingSecret || !state.totpPendingAt || state.totpPendingAt.getTime() + PENDING_TTL_MS < now.getTime()) {
    throw conflict('no_pending_setup', 'Start the setup again: it was cancelled or took too long.');
  }
  const secret = deps.secrets.decrypt(state.totpPendingSecret, secretContext(user.id));
  const step = await checkTotp({ secret, token: code, at: now });
  if (step === null) throw invalidCode();
  const codes = await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(twoFactor)
      .set({ totpSecret: state.totpPendingSecret, totpEnabledAt: now, totpLastStep: step, totpPendingSecret: null, totpPendingAt: null })
      .where(and(eq(twoFactor.userId, user.id), isNull(twoFactor.totpSecret), eq(twoFactor.totpPendingSecret, state.totpPendingSecret!)))
      .returning({ userId: twoFactor.userId });
    if (!done.length) throw conflict('no_pending_setup', 'Start the setup again: it was cancelled or took too long.');
    const fresh = await replaceRecoveryCodes(deps, tx as unknown as Deps['db'], user.id);
    await syncUserFlag(tx as unknown as Deps['db'], user.id);
    return fresh;
  });
  await securityMail(deps, user, 'Two-factor authentication is on', [
    `Two-factor authentication with an authenticator app was turned on for your ${deps.appName} account.`,
    'If this was not you, reset your password and contact support at once.',
  ]);
  return codes;
}

/**
 * Checks a TOTP code for sign-in: valid for the secret, after the last accepted step, and the step is
 * claimed by one atomic UPDATE so two requests with the same code cannot both pass.
 */
export async function acceptTotp(deps: Deps, userId: string, code: string): Promise<boolean> {
  const state = await twoFactorState(deps, userId);
  if (!state?.totpSecret) return false;
  const secret = deps.secrets.decrypt(state.totpSecret, secretContext(userId));
  const step = await checkTotp({ secret, token: code, at: deps.clock.now(), afterTimeStep: state.totpLastStep });
  if (step === null) return false;
  const claimed = await deps.db
    .update(twoFactor)
    .set({ totpLastStep: step })
    .where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.totpLastStep), lt(twoFactor.totpLastStep, step))))
    .returning({ userId: twoFactor.userId });
  return claimed.length === 1;
}

/* ---------------------------------------------------------------- SMS */

/** E.164 or a clear field error. */
export const normalisePhone = requireE164;

/**
 * Creates or replaces the one live code of `binding` and queues it. A resend inside
 * SMS_RESEND_AFTER_MS is refused with 429 + Retry-After — decided by the database row, so every
 * instance agrees — and so is a message over the quotas of the number or the user (API.md
 * "Limits"); the code, the quota and the message commit together or not at all.
 */
export async function sendSmsCode(deps: Deps, input: { binding: string; userId: string; phone: string; storePhone?: boolean }) {
  const { code, values: codeValues } = newCode(deps, SMS_CODE_RULES, input.binding);
  const values = { ...codeValues, phone: input.storePhone ? deps.secrets.encrypt(input.phone, phoneContext(input.userId)) : null };
  await deps.db.transaction(async (tx) => {
    await storeCode(deps, tx, SMS_CODE_RULES, input.binding, { insert: { id: newId(), binding: input.binding, userId: input.userId, ...values }, set: values });
    const body = `${code} is your ${deps.appName} verification code. It expires in 10 minutes.`;
    await enqueue(deps, tx, { route: 'sms', message: { to: input.phone, body } }, { userId: input.userId });
  });
  kick(deps);
}

/**
 * Checks an SMS code: one attempt is counted atomically first (at most SMS_MAX_ATTEMPTS), then a
 * matching code is deleted by one statement so it works once. Returns the stored phone for setup.
 */
export async function acceptSmsCode(deps: Deps, binding: string, code: string): Promise<{ ok: boolean; phone: string | null }> {
  const used = await consumeCode(deps, SMS_CODE_RULES, binding, binding, code);
  if (!used) return { ok: false, phone: null };
  return { ok: true, phone: used.phone ? deps.secrets.decrypt(used.phone, phoneContext(used.userId)) : null };
}

/** POST /security/two-factor/sms/setup. */
export async function startSmsSetup(deps: Deps, user: SessionUser, password: string | undefined, phone: string) {
  const e164 = normalisePhone(phone);
  await confirmPassword(deps, user, password);
  await ensureRow(deps, user.id);
  await sendSmsCode(deps, { binding: `setup:${user.id}`, userId: user.id, phone: e164, storePhone: true });
  return { phone: maskPhone(e164) };
}

/** POST /security/two-factor/sms/enable: recovery codes are made when this is the first method. */
export async function enableSms(deps: Deps, user: SessionUser, code: string) {
  const { ok, phone } = await acceptSmsCode(deps, `setup:${user.id}`, code);
  if (!ok || !phone) throw invalidCode();
  const now = deps.clock.now();
  const codes = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Deps['db'];
    await db.update(twoFactor).set({ smsPhone: deps.secrets.encrypt(phone, phoneContext(user.id)), smsEnabledAt: now }).where(eq(twoFactor.userId, user.id));
    const [{ n }] = (await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)))) as [{ n: number }];
    const fresh = Number(n) === 0 ? await replaceRecoveryCodes(deps, db, user.id) : undefined;
    await syncUserFlag(db, user.id);
    return fresh;
  });
  await securityMail(deps, user, 'Two-factor authentication by text message is on', [
    `Sign-in codes for your ${deps.appName} account will now be sent by text message to ${maskPhone(phone)}.`,
    'If this was not you, reset your password and contact support at once.',
  ]);
  return codes;
}

/* ---------------------------------------------------------------- disable, trusted devices */

/**
 * POST /security/two-factor/disable. Without `method` every method goes; with one, only that one
 * (2FA stays on while another method remains). When 2FA ends, recovery codes and trusted devices go too.
 */
export async function disableTwoFactor(deps: Deps, user: SessionUser, password: string | undefined, method?: 'totp' | 'sms') {
  await confirmPassword(deps, user, password);
  const state = await twoFactorState(deps, user.id);
  if (!state?.totpSecret && !state?.smsPhone) throw conflict('two_factor_disabled', 'Two-factor authentication is already off.');
  const stillOn = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Deps['db'];
    const clearTotp = { totpSecret: null, totpEnabledAt: null, totpPendingSecret: null, totpPendingAt: null };
    const clearSms = { smsPhone: null, smsEnabledAt: null };
    const set = method === 'totp' ? clearTotp : method === 'sms' ? clearSms : { ...clearTotp, ...clearSms };
    const [row] = await db.update(twoFactor).set(set).where(eq(twoFactor.userId, user.id)).returning();
    const on = Boolean(row?.totpSecret || row?.smsPhone);
    if (!on) {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await db.update(twoFactor).set({ recoveryCodesCreatedAt: null }).where(eq(twoFactor.userId, user.id));
      await db.delete(trustedDevices).where(eq(trustedDevices.userId, user.id));
    }
    await db.delete(smsCodes).where(eq(smsCodes.userId, user.id));
    await syncUserFlag(db, user.id);
    return on;
  });
  const what = method === 'totp' ? 'The authenticator app' : method === 'sms' ? 'Text-message codes' : 'Two-factor authentication';
  await securityMail(deps, user, stillOn ? `${what} was turned off` : 'Two-factor authentication is off', [
    stillOn
      ? `${what} was turned off for your ${deps.appName} account. Your other method still protects it.`
      : `Two-factor authentication was turned off for your ${deps.appName} account. Your recovery codes and trusted devices no longer work.`,
    'If this was not you, reset your password and contact support at once.',
  ]);
  return { enabled: stillOn };
}

/**
 * Forgets every trusted device of a user: the next sign-in asks for a code again. Called on 2FA
 * disable, and by the password-change and "sign out everywhere" features.
 */
/** How a trusted-device token is stored: a keyed hash, never the token. */
export const trustedDeviceHash = (deps: Pick<Deps, 'secrets'>, token: string) => deps.secrets.keyedHash(token, 'trusted-device');

export async function forgetTrustedDevices(deps: Pick<Deps, 'db'>, userId: string, options: { keepTokenHash?: string | null } = {}): Promise<number> {
  const mine = eq(trustedDevices.userId, userId);
  const where = options.keepTokenHash ? and(mine, ne(trustedDevices.tokenHash, options.keepTokenHash)) : mine;
  const gone = await deps.db.delete(trustedDevices).where(where).returning({ id: trustedDevices.id });
  return gone.length;
}

export async function listTrustedDevices(deps: Deps, userId: string) {
  const rows = await deps.db
    .select()
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, deps.clock.now())))
    .orderBy(desc(trustedDevices.lastUsedAt));
  return rows.map((d) => ({
    id: d.id,
    device: d.device ?? 'Unknown device',
    browser: d.browser,
    os: d.os,
    ip: d.ip,
    country: d.country,
    createdAt: d.createdAt.toISOString(),
    lastUsedAt: d.lastUsedAt.toISOString(),
    expiresAt: d.expiresAt.toISOString(),
  }));
}

/** Deletes one trusted device of this user; another user's id is "not found". */
export async function revokeTrustedDevice(deps: Deps, userId: string, id: string): Promise<boolean> {
  const gone = await deps.db.delete(trustedDevices).where(and(eq(trustedDevices.id, id), eq(trustedDevices.userId, userId))).returning({ id: trustedDevices.id });
  return gone.length === 1;
}

/* ---------------------------------------------------------------- mail */

async function securityMail(deps: Deps, user: { email: string }, subject: string, lines: string[]) {
  const when = deps.clock.now().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  await deps.mail.send({
    to: user.email,
    subject: `${deps.appName}: ${subject}`,
    text: [...lines, '', `Time: ${when}`, `Manage your security settings in ${deps.appName}.`].join('\n'),
    category: 'security',
  });
}
