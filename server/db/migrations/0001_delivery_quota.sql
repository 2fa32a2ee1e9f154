CREATE TABLE "deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"to_masked" text NOT NULL,
	"user_id" text,
	"payload" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"lease_id" text,
	"last_error" text,
	"provider_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "send_quota_events" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_due" ON "deliveries" USING btree ("next_attempt_at") WHERE "deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "send_quota_events_key_at" ON "send_quota_events" USING btree ("key","at");--> statement-breakpoint
-- An existing database may hold several live resets of one account (one per method): keep the newest.
UPDATE "password_resets" AS p SET "used_at" = now() WHERE p."used_at" IS NULL AND EXISTS (SELECT 1 FROM "password_resets" q WHERE q."user_id" = p."user_id" AND q."used_at" IS NULL AND (q."created_at", q."id") > (p."created_at", p."id"));--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_one_live" ON "password_resets" USING btree ("user_id") WHERE "password_resets"."used_at" is null;