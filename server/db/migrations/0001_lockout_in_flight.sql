ALTER TABLE "login_throttle" ADD COLUMN "in_flight" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "login_throttle" ADD COLUMN "in_flight_since" timestamp with time zone;--> statement-breakpoint
-- Before this migration `failures` also held attempts that were refused or still in flight, so a row could
-- sit at 5 or more with no lock and refuse every sign-in forever. Such a row never earned a lock: keep at
-- most 4 failures, so the next wrong attempt locks (with an end) and a right one passes.
UPDATE "login_throttle" SET "failures" = 4 WHERE "failures" > 4 AND ("locked_until" IS NULL OR "locked_until" <= now());
