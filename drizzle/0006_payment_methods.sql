CREATE TABLE "stripe_payment_methods" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text,
	"type" text NOT NULL,
	"card_brand" text,
	"card_last4" text,
	"card_exp_month" integer,
	"card_exp_year" integer,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL,
	"as_of_low" bigint,
	"as_of_high" bigint
);
--> statement-breakpoint
CREATE INDEX "stripe_payment_methods_customer_idx" ON "stripe_payment_methods" USING btree ("customer_id");