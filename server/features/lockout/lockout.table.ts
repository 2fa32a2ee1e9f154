import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns';

/**
 * Lockout state per email (keyed hash of the normalised address, known or not), shared by every
 * server instance. `failures` counts only attempts judged wrong in the current round; attempts being
 * judged right now are `inFlight`, given back when they finish, so a right password never counts.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  /** How many locks this run of failures has already earned (0 → next lock is 5 min, else 1 h). */
  strikes: integer('strikes').notNull().default(0),
  lockedUntil: instant('locked_until'),
  /** Attempts reserved and not yet judged; void once `inFlightSince` is older than the reservation lifetime. */
  inFlight: integer('in_flight').notNull().default(0),
  /** When the latest attempt was reserved: a crashed request's reservation expires from here. */
  inFlightSince: instant('in_flight_since'),
});
