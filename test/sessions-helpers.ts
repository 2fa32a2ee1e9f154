import { PASSWORD } from './element-helpers';

/** Signs the same account in from "another browser": the cookie of that answer is not kept here. */
export const signInElsewhere = (email: string, password = PASSWORD) =>
  fetch('/api/auth/sign-in', { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
