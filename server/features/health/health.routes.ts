import { z } from '@hono/zod-openapi';
import type { Deps } from '../../context';
import { deliveryBacklog } from '../delivery/delivery.service';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../lib/database-errors';
import { featureRouter, jsonResponse, jsonRoute } from '../../lib/openapi';

/** A readiness probe must answer in time even when the database hangs rather than refuses. */
const PING_TIMEOUT_MS = 2000;
/**
 * Load balancers and uptime checks poll /health often; one ping a second answers them all (and the
 * route stays as cheap as a bare one under load). Requests that arrive while a ping runs share it.
 */
const PING_EVERY_MS = 1000;
const lastPing = new WeakMap<Deps, { at: number; up: Promise<Backlog | null> }>();

/** The queue's backlog, which is also the ping: null when the database did not answer in time. */
function databaseUp(deps: Deps): Promise<Backlog | null> {
  const now = deps.clock.now().getTime();
  const last = lastPing.get(deps);
  if (last && now - last.at < PING_EVERY_MS) return last.up;
  const up = ping(deps);
  lastPing.set(deps, { at: now, up });
  return up;
}

const HealthSchema = z
  .object({
    ok: z.boolean(),
    db: z.enum(['pglite', 'postgres']),
    database: z.enum(['up', 'down']),
    delivery: z
      .object({ pending: z.number().int(), oldestAgeSeconds: z.number().int().nullable() })
      .optional()
      .openapi({ description: 'Messages waiting in the delivery queue, and how long the oldest has waited (a provider outage shows here).' }),
  })
  .openapi('Health');

type Backlog = Awaited<ReturnType<typeof deliveryBacklog>>;

const healthRoute = jsonRoute('get', '/health', {
  tags: ['Health'], summary: 'Readiness: 200 while the database answers, 503 with Retry-After while it cannot be reached',
  public: true, response: HealthSchema, responses: { 503: jsonResponse(HealthSchema, 'The database cannot be reached') },
});

async function ping(deps: Deps): Promise<Backlog | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), PING_TIMEOUT_MS)));
  try {
    return await Promise.race([deliveryBacklog(deps.db, deps.clock.now()), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = featureRouter().openapi(healthRoute, async (c) => {
  const { dbKind } = c.get('deps');
  const backlog = await databaseUp(c.get('deps'));
  if (backlog) return c.json({ ok: true, db: dbKind, database: 'up' as const, delivery: backlog }, 200);
  c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  return c.json({ ok: false, db: dbKind, database: 'down' as const }, 503);
});
