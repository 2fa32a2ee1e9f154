import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../lib/database-errors';
import { featureRouter, jsonResponse } from '../../lib/openapi';

/** A readiness probe must answer in time even when the database hangs rather than refuses. */
const PING_TIMEOUT_MS = 2000;
/**
 * Load balancers and uptime checks poll /health often; one ping a second answers them all (and the
 * route stays as cheap as a bare one under load). Requests that arrive while a ping runs share it.
 */
const PING_EVERY_MS = 1000;
const lastPing = new WeakMap<Deps, { at: number; up: Promise<boolean> }>();

function databaseUp(deps: Deps): Promise<boolean> {
  const now = deps.clock.now().getTime();
  const last = lastPing.get(deps);
  if (last && now - last.at < PING_EVERY_MS) return last.up;
  const up = ping(deps.db);
  lastPing.set(deps, { at: now, up });
  return up;
}

const HealthSchema = z
  .object({ ok: z.boolean(), db: z.enum(['pglite', 'postgres']), database: z.enum(['up', 'down']) })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Health'],
  summary: 'Readiness: 200 while the database answers, 503 with Retry-After while it cannot be reached',
  responses: { 200: jsonResponse(HealthSchema), 503: jsonResponse(HealthSchema, 'The database cannot be reached') },
});

async function ping(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = featureRouter().openapi(healthRoute, async (c) => {
  const { dbKind } = c.var.deps;
  if (await databaseUp(c.var.deps)) return c.json({ ok: true, db: dbKind, database: 'up' as const }, 200);
  c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  return c.json({ ok: false, db: dbKind, database: 'down' as const }, 503);
});
