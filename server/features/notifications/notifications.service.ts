import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import type { MailMessage, MailProvider } from '../../providers/types';
import { users } from '../accounts/accounts.table';
import { maskDestination } from '../delivery/delivery.service';
import { notificationSettings } from './notifications.table';

/** The six toggles of seed 001, in its order. Each is also the `category` of the mail it governs. */
export const NOTIFICATION_CATEGORIES = ['callAlerts', 'campaignUpdates', 'integrationAlerts', 'billing', 'productUpdates', 'marketing'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
export type NotificationSettings = Record<NotificationCategory, boolean>;

/** Everything on except marketing (opt-in). */
export const DEFAULT_NOTIFICATIONS: NotificationSettings = {
  callAlerts: true,
  campaignUpdates: true,
  integrationAlerts: true,
  billing: true,
  productUpdates: true,
  marketing: false,
};

const isCategory = (value: string | undefined): value is NotificationCategory => NOTIFICATION_CATEGORIES.includes(value as NotificationCategory);

const pick = (row: NotificationSettings): NotificationSettings =>
  Object.fromEntries(NOTIFICATION_CATEGORIES.map((k) => [k, row[k]])) as NotificationSettings;

export async function getNotificationSettings(deps: Pick<Deps, 'db'>, userId: string): Promise<NotificationSettings> {
  const [row] = await deps.db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row ? pick(row) : { ...DEFAULT_NOTIFICATIONS };
}

/** Replaces the settings in one upsert. */
export async function putNotificationSettings(deps: Deps, userId: string, next: NotificationSettings): Promise<NotificationSettings> {
  const values = { ...pick(next), updatedAt: deps.clock.now() };
  const [row] = await deps.db
    .insert(notificationSettings)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: values })
    .returning();
  return pick(row!);
}

/**
 * Wraps the mail provider so mail of a notification category reaches a user only when that
 * category is on in their settings (seed 001). `security` mail and mail without a category or of
 * another category always go; so does mail to an address that is no account's.
 */
export class NotificationGate implements MailProvider {
  readonly name: string;
  constructor(
    private readonly inner: MailProvider,
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.name = inner.name;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    if (isCategory(message.category) && !(await this.allowed(message.to, message.category))) {
      this.log(`[notifications] ${message.category} mail to ${maskDestination(message.to)} not sent: turned off in the user's settings`);
      return { id: 'suppressed' };
    }
    return this.inner.send(message);
  }

  private async allowed(to: string, category: NotificationCategory): Promise<boolean> {
    const [row] = await this.db
      .select({ on: notificationSettings[category] })
      .from(users)
      .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
      .where(eq(users.email, sql`lower(${to.trim()})`));
    if (!row) return true; // not an account: nothing to honour
    return row.on ?? DEFAULT_NOTIFICATIONS[category];
  }
}
