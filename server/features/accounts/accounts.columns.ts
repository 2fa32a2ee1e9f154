import { users } from './accounts.table';

/** The columns every listing of a user starts with (the session's user, the admin's user list). */
export const userSummaryColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  status: users.status,
  twoFactorEnabled: users.twoFactorEnabled,
};
