import { and, asc, eq, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { DAY, HOUR, MINUTE, SECOND } from '../../lib/clock';
import { newId } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { sendToContact } from '../contacts/contacts.transport';
import { openPayload, type DeliveryPayload } from './delivery.service';
import { deliveries, sendQuotaEvents } from './delivery.table';
import { PermanentDeliveryError, type Transports } from './delivery.transports';

export const DELIVERY_DEFAULTS = { maxAttempts: 6, retryBaseMs: 30 * SECOND, leaseMs: 2 * MINUTE, pollIntervalMs: 2 * SECOND, batchSize: 10, retentionDays: 30 } as const;

/** How often an instance's poll loop clears old rows (every instance may; the deletes are idempotent). */
const PURGE_EVERY_MS = HOUR;
/** No quota counts further back than a day (quota.ts), so older quota events count for nothing. */
const QUOTA_EVENT_MAX_AGE_MS = DAY;

type Row = typeof deliveries.$inferSelect;

/**
 * A provider answer worth trying again: 5xx, 429 and 408, timeouts and network errors (no status at
 * all). Any other 4xx, a missing provider or an ended registration will fail the same way again.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof PermanentDeliveryError || error instanceof AppError) return false;
  const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } } | null;
  const status = Number(e?.status ?? e?.statusCode ?? e?.response?.status ?? NaN);
  if (Number.isNaN(status) || status === 0) return true;
  return status >= 500 || status === 429 || status === 408;
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

/**
 * Sends the queue. Every instance runs one: a batch is claimed in one transaction with
 * `FOR UPDATE SKIP LOCKED` and leased (`locked_until`, `lease_id`), so no two workers hold a row at
 * once; only the holder of the lease may mark it sent, retried or given up. A failure worth retrying
 * goes back with a doubling delay; after `maxAttempts` tries (or a permanent failure) the row is
 * given up, its message dropped, and an audit entry tells the admin.
 */
export class DeliveryWorker {
  readonly #deps: Deps;
  readonly #transports: Transports;
  readonly #settings: typeof DELIVERY_DEFAULTS & { worker: 'poll' | 'manual' };
  #timer: ReturnType<typeof setTimeout> | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #kicked = false;
  #stopped = false;
  #lastPurge = 0;

  constructor(deps: Deps, transports: Transports) {
    this.#deps = deps;
    this.#transports = transports;
    const given = Object.fromEntries(Object.entries(deps.options.delivery ?? {}).filter(([, v]) => v !== undefined));
    this.#settings = { ...DELIVERY_DEFAULTS, worker: 'poll', ...given };
  }

  get mode() {
    return this.#settings.worker;
  }

  /** Starts the poll loop (mode `poll`); its timer never keeps the process alive. */
  start() {
    if (this.#settings.worker !== 'poll' || this.#stopped) return;
    this.#schedule(this.#settings.pollIntervalMs);
  }

  /** Sends what was just queued by this instance, soon, without waiting for the next poll. */
  kick() {
    if (this.#settings.worker !== 'poll' || this.#stopped || this.#kicked) return;
    this.#kicked = true;
    setImmediate(() => {
      this.#kicked = false;
      void this.drain().catch((error) => this.#deps.log(`[error] delivery worker: ${describeError(error)}`));
    });
  }

  /**
   * Stops polling and waits for the batch in hand, but not past `waitMs`: a provider that hangs must
   * not hang a shutdown (its rows' leases end and another instance sends them).
   */
  async stop(waitMs = 5 * SECOND) {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref?.();
    });
    await Promise.race([this.#chain.catch(() => {}), bound]);
    clearTimeout(timer);
  }

  /** Claims one batch of due rows and sends it; answers how many rows it handled. Runs one batch at a time per instance. */
  runOnce(): Promise<number> {
    const run = this.#chain.then(() => this.#batch());
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Runs batches until nothing is due now (later retries wait for the clock). Tests await this. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.runOnce();
      total += handled;
      if (handled === 0) return total;
    }
  }

  /**
   * Deletes what the queue no longer needs: sent and given-up rows older than `retentionDays` (their
   * messages are already gone; the masked address and status stay that long for the admin and for
   * support), and quota events too old to count. Answers how many rows of each went.
   */
  async purge(): Promise<{ deliveries: number; quotaEvents: number }> {
    const { db, clock } = this.#deps;
    const now = clock.now().getTime();
    this.#lastPurge = now;
    const [gone, events] = await Promise.all([
      db
        .delete(deliveries)
        .where(and(ne(deliveries.status, 'pending'), lt(deliveries.createdAt, new Date(now - this.#settings.retentionDays * DAY))))
        .returning({ id: deliveries.id }),
      db
        .delete(sendQuotaEvents)
        .where(lt(sendQuotaEvents.at, new Date(now - QUOTA_EVENT_MAX_AGE_MS)))
        .returning({ id: sendQuotaEvents.id }),
    ]);
    return { deliveries: gone.length, quotaEvents: events.length };
  }

  #schedule(ms: number) {
    this.#timer = setTimeout(async () => {
      try {
        await this.drain();
        if (this.#deps.clock.now().getTime() - this.#lastPurge >= PURGE_EVERY_MS) await this.purge();
      } catch (error) {
        this.#deps.log(`[error] delivery worker: ${describeError(error)}`);
      }
      if (!this.#stopped) this.#schedule(this.#settings.pollIntervalMs);
    }, ms);
    this.#timer.unref?.();
  }

  async #batch(): Promise<number> {
    const rows = await this.#claim();
    await Promise.all(rows.map((row) => this.#send(row)));
    return rows.length;
  }

  async #claim(): Promise<Row[]> {
    const { db, clock } = this.#deps;
    const now = clock.now();
    const leaseId = newId();
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, now), or(isNull(deliveries.lockedUntil), lte(deliveries.lockedUntil, now))))
        .orderBy(asc(deliveries.nextAttemptAt))
        .limit(this.#settings.batchSize)
        .for('update', { skipLocked: true });
      if (!due.length) return [];
      return tx
        .update(deliveries)
        .set({ lockedUntil: new Date(now.getTime() + this.#settings.leaseMs), leaseId, attempts: sql`${deliveries.attempts} + 1` })
        .where(inArray(deliveries.id, due.map((d) => d.id)))
        .returning();
    });
  }

  async #send(row: Row) {
    const deps = this.#deps;
    let providerId: string;
    try {
      if (!row.payload) throw new PermanentDeliveryError('the message is gone');
      providerId = (await this.#dispatch(openPayload(deps, row.id, row.payload))).id;
    } catch (error) {
      await this.#failed(row, error);
      return;
    }
    const now = deps.clock.now();
    const marked = await deps.db
      .update(deliveries)
      .set({ status: 'sent', sentAt: now, payload: null, lockedUntil: null, leaseId: null, providerId, lastError: null })
      .where(and(eq(deliveries.id, row.id), eq(deliveries.leaseId, row.leaseId!)))
      .returning({ id: deliveries.id });
    if (!marked.length) deps.log(`[error] delivery ${row.id}: sent after its lease ended`);
  }

  #dispatch(payload: DeliveryPayload): Promise<{ id: string }> {
    if (payload.route === 'mail') return this.#transports.mail.send(payload.message);
    if (payload.route === 'sms') return this.#transports.sms.send(payload.message);
    return sendToContact(this.#deps, this.#transports, payload.delivery);
  }

  async #failed(row: Row, error: unknown) {
    const deps = this.#deps;
    const now = deps.clock.now();
    const lastError = describeError(error);
    const lease = and(eq(deliveries.id, row.id), eq(deliveries.leaseId, row.leaseId!));
    if (isRetryable(error) && row.attempts < this.#settings.maxAttempts) {
      const delay = this.#settings.retryBaseMs * 2 ** (row.attempts - 1);
      await deps.db.update(deliveries).set({ nextAttemptAt: new Date(now.getTime() + delay), lockedUntil: null, leaseId: null, lastError }).where(lease);
      deps.log(`[delivery] ${row.kind} to ${row.toMasked} (${row.id}) failed, try ${row.attempts} of ${this.#settings.maxAttempts}: ${lastError}`);
      return;
    }
    await deps.db.transaction(async (tx) => {
      const given = await tx.update(deliveries).set({ status: 'failed', payload: null, lockedUntil: null, leaseId: null, lastError }).where(lease).returning({ id: deliveries.id });
      if (!given.length) return;
      await recordAudit(deps, tx, { id: null, email: 'delivery worker' }, {
        action: 'delivery.failed',
        targetType: 'delivery',
        targetId: row.id,
        after: { kind: row.kind, to: row.toMasked, attempts: row.attempts, error: lastError },
      });
    });
    deps.log(`[delivery] ${row.kind} to ${row.toMasked} (${row.id}) given up after ${row.attempts} tries: ${lastError}`);
  }
}
