ALTER TABLE "users" DROP COLUMN "company";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "bio";