import { z } from '@hono/zod-openapi';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { notFound } from '../../lib/errors';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { fromLoopback } from './outbox.access';
import { outbox } from './outbox.table';
import { text } from '../../lib/schemas';

const MessageSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['email', 'sms', 'whatsapp', 'call']),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('OutboxMessage');

const OutboxQuery = z.object({
  to: text().max(320, 'to: use at most 320 characters.').optional(),
  kind: z.enum(['email', 'sms', 'whatsapp', 'call']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const listRoute = jsonRoute('get', '/dev/outbox', {
  tags: ['Development'], summary: 'Messages that went to the outbox instead of a provider (not in production, loopback only)',
  public: true, badRequest: false, query: OutboxQuery, response: z.object({ messages: z.array(MessageSchema) }),
});

export const outboxRoutes = featureRouter().openapi(listRoute, async (c) => {
  const { db, production } = c.var.deps;
  // It holds every code and reset link: only a developer on this machine may read it.
  if (production || !fromLoopback(c)) throw notFound('The outbox');
  const { to, kind, limit } = c.req.valid('query');
  const filters: SQL[] = [];
  if (to) filters.push(eq(outbox.to, to));
  if (kind) filters.push(eq(outbox.kind, kind));
  const rows = await db.select().from(outbox).where(and(...filters)).orderBy(desc(outbox.createdAt)).limit(limit);
  return c.json({ messages: rows.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }, 200);
});
