CREATE TABLE "stripe_credit_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"invoice_id" text NOT NULL,
	"customer_id" text,
	"number" text,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"reason" text,
	"amount" bigint NOT NULL,
	"pre_payment_amount" bigint NOT NULL,
	"post_payment_amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"pdf" text,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL,
	"as_of_low" bigint,
	"as_of_high" bigint
);
--> statement-breakpoint
CREATE INDEX "stripe_credit_notes_invoice_idx" ON "stripe_credit_notes" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "stripe_credit_notes_customer_idx" ON "stripe_credit_notes" USING btree ("customer_id");