import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts } from './contacts.table';

// Reads of the contacts table for other features (RingCentral's registration). Kept apart from
// contacts.service, which imports the RingCentral service, so that reading a contact from there
// makes no import cycle.

export type ContactRow = typeof contacts.$inferSelect;

/** The contact `id` of `userId`, or undefined (also when it belongs to someone else). */
export async function findOwnContact(db: Db, userId: string, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(and(eq(contacts.id, id), eq(contacts.userId, userId)));
  return row;
}
