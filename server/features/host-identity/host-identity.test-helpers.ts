import type { Context } from 'hono';
import type { HostIdentity } from '../../context';

/** The host's sign-in, as a test stands it in: who is signed in comes from request headers. */
export function headerIdentity(c: Context): Promise<HostIdentity | null> {
  const externalId = c.req.header('x-host-user');
  if (!externalId) return Promise.resolve(null);
  return Promise.resolve({
    externalId,
    email: c.req.header('x-host-email') ?? `${externalId}@crm.example`,
    displayName: c.req.header('x-host-name') ?? undefined,
    role: (c.req.header('x-host-role') as 'admin' | 'user' | undefined) ?? undefined,
    reauthenticatedAt: c.req.header('x-host-reauth') ?? undefined,
  });
}

export const as = (externalId: string, extra: Record<string, string> = {}) => ({ headers: { 'x-host-user': externalId, ...extra } });

