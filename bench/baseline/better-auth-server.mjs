// The baseline of `npm run bench`: Better Auth (email and password) on the same stack as the kit —
// Hono, @hono/node-server, drizzle-orm, postgres.js, the same PostgreSQL — with its own database.
// Plain JavaScript (no TypeScript loader), as a host would run it. Env: DATABASE_URL, PORT.
import { serve } from '@hono/node-server';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { drizzle } from 'drizzle-orm/postgres-js';
import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import postgres from 'postgres';

// Better Auth's core schema (what its CLI generates for drizzle + pg).
const user = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: timestamp('created_at').notNull().defaultNow(),
  updatedAt: timestamp('updated_at').notNull().defaultNow(),
});
const session = pgTable('session', {
  id: text('id').primaryKey(),
  expiresAt: timestamp('expires_at').notNull(),
  token: text('token').notNull().unique(),
  createdAt: timestamp('created_at').notNull().defaultNow(),
  updatedAt: timestamp('updated_at').notNull(),
  ipAddress: text('ip_address'),
  userAgent: text('user_agent'),
  userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
});
const account = pgTable('account', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  providerId: text('provider_id').notNull(),
  userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
  accessToken: text('access_token'),
  refreshToken: text('refresh_token'),
  idToken: text('id_token'),
  accessTokenExpiresAt: timestamp('access_token_expires_at'),
  refreshTokenExpiresAt: timestamp('refresh_token_expires_at'),
  scope: text('scope'),
  password: text('password'),
  createdAt: timestamp('created_at').notNull().defaultNow(),
  updatedAt: timestamp('updated_at').notNull(),
});
const verification = pgTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  createdAt: timestamp('created_at').defaultNow(),
  updatedAt: timestamp('updated_at').defaultNow(),
});

const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
await sql.unsafe(`
  create table if not exists "user" (id text primary key, name text not null, email text not null unique, email_verified boolean not null default false, image text, created_at timestamp not null default now(), updated_at timestamp not null default now());
  create table if not exists session (id text primary key, expires_at timestamp not null, token text not null unique, created_at timestamp not null default now(), updated_at timestamp not null, ip_address text, user_agent text, user_id text not null references "user"(id) on delete cascade);
  create index if not exists session_user_id on session(user_id);
  create table if not exists account (id text primary key, account_id text not null, provider_id text not null, user_id text not null references "user"(id) on delete cascade, access_token text, refresh_token text, id_token text, access_token_expires_at timestamp, refresh_token_expires_at timestamp, scope text, password text, created_at timestamp not null default now(), updated_at timestamp not null);
  create index if not exists account_user_id on account(user_id);
  create table if not exists verification (id text primary key, identifier text not null, value text not null, expires_at timestamp not null, created_at timestamp default now(), updated_at timestamp default now());
`);
const db = drizzle(sql, { schema: { user, session, account, verification } });
const port = Number(process.env.PORT ?? 3100);
const auth = betterAuth({
  baseURL: `http://127.0.0.1:${port}`,
  secret: 'bench-baseline-secret-that-is-long-enough-0000',
  database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
  emailAndPassword: { enabled: true },
  // Throughput is measured, not abuse: the kit's figures have no rate limiter either.
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
});

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));
app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void sql.end({ timeout: 2 }).finally(() => process.exit(0)));
