CREATE TABLE "stripe_coupons" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"percent_off" text,
	"amount_off" bigint,
	"currency" text,
	"duration" text NOT NULL,
	"duration_in_months" integer,
	"max_redemptions" integer,
	"times_redeemed" integer NOT NULL,
	"redeem_by" timestamp (3) with time zone,
	"valid" boolean NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL,
	"as_of_low" bigint,
	"as_of_high" bigint
);
--> statement-breakpoint
CREATE TABLE "stripe_promotion_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"coupon_id" text NOT NULL,
	"active" boolean NOT NULL,
	"customer_id" text,
	"expires_at" timestamp (3) with time zone,
	"max_redemptions" integer,
	"times_redeemed" integer NOT NULL,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL,
	"as_of_low" bigint,
	"as_of_high" bigint
);
--> statement-breakpoint
CREATE TABLE "stripe_subscription_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"subscription_id" text,
	"status" text NOT NULL,
	"end_behavior" text NOT NULL,
	"current_phase_end" timestamp (3) with time zone,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL,
	"as_of_low" bigint,
	"as_of_high" bigint
);
--> statement-breakpoint
ALTER TABLE "stripe_invoices" ADD COLUMN "discount_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "stripe_promotion_codes_code_idx" ON "stripe_promotion_codes" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "stripe_promotion_codes_coupon_idx" ON "stripe_promotion_codes" USING btree ("coupon_id");--> statement-breakpoint
CREATE INDEX "stripe_subscription_schedules_subscription_idx" ON "stripe_subscription_schedules" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "stripe_subscription_schedules_customer_idx" ON "stripe_subscription_schedules" USING btree ("customer_id");--> statement-breakpoint
-- Invoices mirrored before this column existed: what their discounts took off, from the stored object.
UPDATE "stripe_invoices" SET "discount_amount" = coalesce((SELECT sum(("d"->>'amount')::bigint) FROM jsonb_array_elements(CASE WHEN jsonb_typeof("raw"->'total_discount_amounts') = 'array' THEN "raw"->'total_discount_amounts' ELSE '[]'::jsonb END) AS "d"), 0);
