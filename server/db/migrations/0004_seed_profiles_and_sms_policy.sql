-- Seed 002: the policy's required second factor, and profiles of admin-defined types per account.
-- Written by hand over drizzle-kit's statements (generate --custom): the default types go in before
-- anything references them, and every account's one profile is copied out before its columns go.
ALTER TABLE "account_policy" ADD COLUMN "two_factor_method" text DEFAULT 'any' NOT NULL;--> statement-breakpoint
CREATE TABLE "profile_types" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- hand-written: the two default profile types (seed 002), before anything references them
INSERT INTO "profile_types" ("id", "name", "created_at") VALUES ('person', 'Person', now()), ('organization', 'Organization', now() + interval '1 millisecond') ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"type_id" text NOT NULL,
	"display_name" text NOT NULL,
	"company" text,
	"bio" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "current_profile_id" text;--> statement-breakpoint
ALTER TABLE "account_policy" ADD COLUMN "default_profile_type_id" text DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "account_policy" ADD COLUMN "profile_limit" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_type_id_profile_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."profile_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "profile_types_name" ON "profile_types" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "profiles_user" ON "profiles" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "account_policy" ADD CONSTRAINT "account_policy_default_profile_type_id_profile_types_id_fk" FOREIGN KEY ("default_profile_type_id") REFERENCES "public"."profile_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- hand-written: every existing account's single profile becomes its first profile, of the default type
INSERT INTO "profiles" ("id", "user_id", "type_id", "display_name", "company", "bio", "created_at")
SELECT translate(encode(decode(replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/=', '-_'), u."id", COALESCE((SELECT p."default_profile_type_id" FROM "account_policy" p WHERE p."id" = 1), 'person'), u."display_name", u."company", u."bio", u."created_at"
FROM "users" u;--> statement-breakpoint
UPDATE "users" u SET "current_profile_id" = p."id" FROM "profiles" p WHERE p."user_id" = u."id";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "company";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "bio";