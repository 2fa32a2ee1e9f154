import { z } from '@hono/zod-openapi';
import { currentAdmin } from '../../lib/auth';
import { adminOnly, featureRouter, jsonRoute } from '../../lib/openapi';
import { listUsers, updateUser } from './user-admin.service';
import { idParams, text } from '../../lib/schemas';
import { accountFields } from '../accounts/accounts.schemas';

const tags = ['Administration'];

export const AdminUserSchema = z
  .object({
    ...accountFields,
    emailConfirmed: z.boolean(),
    phoneConfirmed: z.boolean(),
    createdAt: z.string(),
    lastActiveAt: z.string().nullable(),
    online: z.boolean().openapi({ description: 'Active within the online status timeframe of the policy.' }),
  })
  .openapi('AdminUser');

const RoleSchema = z.enum(['user', 'admin'], { error: 'role: choose user or admin.' });
const StatusSchema = z.enum(['active', 'pending', 'disabled'], { error: 'status: choose active, pending or disabled.' });

const UserQuery = z.object({
  search: text().max(254, 'search: use at most 254 characters.').optional().openapi({ description: 'Part of the email or display name.' }),
  status: StatusSchema.optional(),
  role: RoleSchema.optional(),
  offset: z.coerce.number({ error: 'offset: use a whole number.' }).int('offset: use a whole number.').min(0, 'offset: at least 0.').default(0),
  limit: z.coerce.number({ error: 'limit: use a whole number.' }).int('limit: use a whole number.').min(1, 'limit: at least 1.').max(100, 'limit: at most 100.').default(20),
});
const UserPage = z.object({
  users: z.array(AdminUserSchema),
  total: z.number(),
  activeAdmins: z.number().int().openapi({ description: 'Active administrators in all (not only this page): the last one cannot be suspended or demoted.' }),
  offset: z.number(),
  limit: z.number(),
});
const listRoute = jsonRoute('get', '/admin/users', { tags, summary: 'Accounts, with search and paging', query: UserQuery, response: UserPage, errors: adminOnly });

const UserChanges = z
  .object({ role: RoleSchema.optional(), status: StatusSchema.optional() })
  .refine((b) => b.role !== undefined || b.status !== undefined, { message: 'Send role, status or both.', path: ['role'] });
const patchRoute = jsonRoute('patch', '/admin/users/{id}', {
  tags, summary: 'Grant or withdraw the admin role, activate, suspend (logged in the audit log)',
  params: idParams('account'), body: UserChanges, response: z.object({ user: AdminUserSchema }),
  errors: { ...adminOnly, 404: 'No such account', 409: '`last_admin`: the change would leave no active administrator' },
});

export const userAdminRoutes = featureRouter()
  .openapi(listRoute, async (c) => {
    currentAdmin(c);
    return c.json(await listUsers(c.var.deps, c.req.valid('query')), 200);
  })
  .openapi(patchRoute, async (c) => {
    const admin = currentAdmin(c);
    const user = await updateUser(c.var.deps, admin, c.req.valid('param').id, c.req.valid('json'));
    return c.json({ user }, 200);
  });
