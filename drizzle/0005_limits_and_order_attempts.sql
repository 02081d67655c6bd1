-- One counter table for every throttle: sign-ins and sign-ups as before, and now Stripe-calling
-- actions per customer. Renamed in place, so counts in flight carry over.
ALTER TABLE "sign_in_throttle" RENAME TO "attempt_counts";--> statement-breakpoint
ALTER TABLE "attempt_counts" RENAME COLUMN "failures" TO "attempts";--> statement-breakpoint
ALTER TABLE "attempt_counts" RENAME CONSTRAINT "sign_in_throttle_pkey" TO "attempt_counts_pkey";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "attempt_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_user_attempt_idx" ON "orders" USING btree ("user_id","attempt_id");
