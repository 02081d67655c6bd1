ALTER TABLE "stripe_events" ALTER COLUMN "next_attempt_at" SET DATA TYPE timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stripe_events" ALTER COLUMN "next_attempt_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "stripe_events" ALTER COLUMN "locked_until" SET DATA TYPE timestamp with time zone;