import { eq } from 'drizzle-orm';
import type { Deps } from '../../context';
import { AppError, conflict, invalidField } from '../../lib/errors';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password';
import { users } from '../accounts/accounts.table';
import { throttleKey, underLockout } from '../lockout/lockout';
import { endOtherSessions } from '../sessions/sessions.service';
import { forgetTrustedDevices } from '../two-factor/two-factor.service';

const wrongCurrent = () =>
  new AppError(400, 'invalid_password', 'The current password is not correct.', { currentPassword: 'The current password is not correct.' });

/**
 * Changes the password (SECURITY.md 1–4): the current password is required and checked under the
 * sign-in lockout of the account (so this form cannot be used to guess it), the new one follows
 * the same rules as sign-up. Then every other session and every trusted device is revoked, and
 * the user is told by email. The session that made the change stays signed in.
 */
export async function changePassword(
  deps: Deps,
  user: { id: string; email: string },
  currentSessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<{ signedOut: number }> {
  const [row] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row) throw wrongCurrent();
  // A host user has no password here to change (their sign-in is the host's).
  const currentHash = row.passwordHash;
  if (!currentHash) throw conflict('no_password', 'This account has no password here: you sign in through your application.');
  const ok = await underLockout(deps, throttleKey(deps, user.email), () => verifyPassword(currentHash, input.currentPassword));
  if (!ok) throw wrongCurrent();

  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw invalidField('newPassword', problem);
  if (input.newPassword.normalize('NFKC') === input.currentPassword.normalize('NFKC')) {
    throw invalidField('newPassword', 'Choose a password different from the current one.');
  }

  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  // Only succeed when the hash is still the one that was checked: two concurrent changes cannot
  // both win with the same old password.
  const changed = await deps.db
    .update(users)
    .set({ passwordHash, passwordChangedAt: now })
    .where(eq(users.passwordHash, currentHash))
    .returning({ id: users.id });
  if (!changed.length) throw wrongCurrent();

  const signedOut = await endOtherSessions(deps, user.id, currentSessionId);
  await forgetTrustedDevices(deps, user.id);
  await deps.mail.send({
    to: user.email,
    subject: `Your ${deps.appName} password was changed`,
    category: 'security',
    text: [
      `The password of your ${deps.appName} account was changed on ${now.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
      signedOut ? `Every other session (${signedOut}) was signed out, and trusted devices will ask for a code again.` : 'Trusted devices will ask for a code again.',
      '',
      'If you did not make this change, reset your password at once and review your active sessions.',
    ].join('\n'),
  });
  return { signedOut };
}
