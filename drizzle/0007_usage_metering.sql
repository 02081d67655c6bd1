CREATE TABLE "generated_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"summary" jsonb NOT NULL,
	"created" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"event_name" text NOT NULL,
	"value" bigint NOT NULL,
	"timestamp" bigint NOT NULL,
	"rows" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"created" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "usage_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"event_name" text NOT NULL,
	"value" bigint NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"batch_id" text
);
--> statement-breakpoint
CREATE TABLE "usage_reconciliations" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"event_name" text NOT NULL,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"sent" bigint NOT NULL,
	"stripe" bigint NOT NULL,
	"checked_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generated_reports" ADD CONSTRAINT "generated_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generated_reports_customer_idx" ON "generated_reports" USING btree ("customer_id","created" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "usage_batches_due_idx" ON "usage_batches" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "usage_batches_customer_idx" ON "usage_batches" USING btree ("customer_id","timestamp");--> statement-breakpoint
CREATE INDEX "usage_outbox_unbatched_idx" ON "usage_outbox" USING btree ("occurred_at") WHERE "usage_outbox"."batch_id" is null;--> statement-breakpoint
CREATE INDEX "usage_outbox_customer_idx" ON "usage_outbox" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "usage_outbox_batch_idx" ON "usage_outbox" USING btree ("batch_id");