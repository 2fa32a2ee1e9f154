import { z } from '@hono/zod-openapi';
import { currentAdmin } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { listAudit } from './audit.service';
import { text } from '../../lib/schemas';

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string().nullable(), email: z.string() }),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

const AuditQuery = z.object({
  limit: z.coerce.number({ error: 'limit: use a whole number from 1 to 100.' }).int('limit: use a whole number.').min(1, 'limit: at least 1.').max(100, 'limit: at most 100.').default(25),
  cursor: text().max(200, 'cursor: too long.').optional(),
  action: text().max(100, 'action: too long.').optional(),
  targetId: text().max(100, 'targetId: too long.').optional(),
});

const listRoute = jsonRoute('get', '/admin/audit', {
  tags: ['Administration'], summary: 'Every administrator change, newest first',
  query: AuditQuery, response: z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }), errors: { 403: '`admin_only`' },
});

export const auditRoutes = featureRouter().openapi(listRoute, async (c) => {
  currentAdmin(c);
  return c.json(await listAudit(c.var.deps, c.req.valid('query')), 200);
});
