CREATE TABLE "order_lines" (
	"order_id" text NOT NULL,
	"position" integer NOT NULL,
	"price_id" text NOT NULL,
	"product_id" text NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_amount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "order_lines_order_id_position_pk" PRIMARY KEY("order_id","position")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"payment_intent_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"currency" text NOT NULL,
	"amount_total" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_payment_intent_id_unique" UNIQUE("payment_intent_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_charges" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_intent_id" text,
	"customer_id" text,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"amount_captured" bigint NOT NULL,
	"amount_refunded" bigint NOT NULL,
	"currency" text NOT NULL,
	"disputed" boolean NOT NULL,
	"card_brand" text,
	"card_last4" text,
	"receipt_url" text,
	"failure_message" text,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_checkout_line_items" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"price_id" text,
	"product_id" text,
	"description" text,
	"quantity" integer,
	"amount_total" bigint NOT NULL,
	"currency" text NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_checkout_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text,
	"client_reference_id" text,
	"mode" text NOT NULL,
	"status" text,
	"payment_status" text NOT NULL,
	"payment_intent_id" text,
	"subscription_id" text,
	"invoice_id" text,
	"amount_total" bigint,
	"currency" text,
	"expires_at" timestamp (3) with time zone,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_customers" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"email" text,
	"name" text,
	"default_payment_method_id" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"created" timestamp (3) with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stripe_customers_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"charge_id" text NOT NULL,
	"payment_intent_id" text,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"api_version" text,
	"created" timestamp (3) with time zone NOT NULL,
	"livemode" boolean NOT NULL,
	"object_id" text,
	"payload" jsonb NOT NULL,
	"source" text DEFAULT 'webhook' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "stripe_invoice_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"invoice_id" text NOT NULL,
	"price_id" text,
	"product_id" text,
	"description" text,
	"quantity" integer,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"period_start" timestamp (3) with time zone,
	"period_end" timestamp (3) with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_invoice_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"invoice_id" text NOT NULL,
	"payment_intent_id" text,
	"charge_id" text,
	"status" text NOT NULL,
	"amount_paid" bigint,
	"amount_requested" bigint NOT NULL,
	"currency" text NOT NULL,
	"is_default" boolean NOT NULL,
	"paid_at" timestamp (3) with time zone,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text,
	"subscription_id" text,
	"number" text,
	"status" text,
	"billing_reason" text,
	"currency" text NOT NULL,
	"total" bigint NOT NULL,
	"amount_due" bigint NOT NULL,
	"amount_paid" bigint NOT NULL,
	"amount_remaining" bigint NOT NULL,
	"hosted_invoice_url" text,
	"invoice_pdf" text,
	"period_start" timestamp (3) with time zone,
	"period_end" timestamp (3) with time zone,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_payment_intents" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"amount_received" bigint NOT NULL,
	"currency" text NOT NULL,
	"description" text,
	"latest_charge_id" text,
	"last_error_message" text,
	"invoice_link_checked_at" timestamp (3) with time zone,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_prices" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"active" boolean NOT NULL,
	"currency" text NOT NULL,
	"unit_amount" bigint,
	"type" text NOT NULL,
	"recurring_interval" text,
	"recurring_interval_count" integer,
	"lookup_key" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"created" timestamp (3) with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_products" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"active" boolean NOT NULL,
	"default_price_id" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"created" timestamp (3) with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"charge_id" text,
	"payment_intent_id" text,
	"status" text,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_subscription_items" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"price_id" text NOT NULL,
	"product_id" text NOT NULL,
	"quantity" integer,
	"current_period_start" timestamp (3) with time zone,
	"current_period_end" timestamp (3) with time zone,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"cancel_at_period_end" boolean NOT NULL,
	"cancel_at" timestamp (3) with time zone,
	"canceled_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"trial_end" timestamp (3) with time zone,
	"current_period_start" timestamp (3) with time zone,
	"current_period_end" timestamp (3) with time zone,
	"latest_invoice_id" text,
	"created" timestamp (3) with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_sync_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD CONSTRAINT "stripe_customers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_user_idx" ON "orders" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_charges_payment_intent_idx" ON "stripe_charges" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "stripe_charges_customer_idx" ON "stripe_charges" USING btree ("customer_id","created" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_checkout_line_items_session_idx" ON "stripe_checkout_line_items" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "stripe_checkout_sessions_payment_intent_idx" ON "stripe_checkout_sessions" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "stripe_checkout_sessions_customer_idx" ON "stripe_checkout_sessions" USING btree ("customer_id","created" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_customers_email_idx" ON "stripe_customers" USING btree ("email");--> statement-breakpoint
CREATE INDEX "stripe_disputes_payment_intent_idx" ON "stripe_disputes" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "stripe_disputes_status_idx" ON "stripe_disputes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "stripe_events_due_idx" ON "stripe_events" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "stripe_events_received_idx" ON "stripe_events" USING btree ("received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_events_object_idx" ON "stripe_events" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "stripe_invoice_lines_invoice_idx" ON "stripe_invoice_lines" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "stripe_invoice_payments_payment_intent_idx" ON "stripe_invoice_payments" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "stripe_invoice_payments_invoice_idx" ON "stripe_invoice_payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "stripe_invoices_customer_idx" ON "stripe_invoices" USING btree ("customer_id","created" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_invoices_subscription_idx" ON "stripe_invoices" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "stripe_invoices_status_idx" ON "stripe_invoices" USING btree ("status");--> statement-breakpoint
CREATE INDEX "stripe_payment_intents_customer_idx" ON "stripe_payment_intents" USING btree ("customer_id","created" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_payment_intents_created_idx" ON "stripe_payment_intents" USING btree ("created" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_payment_intents_status_idx" ON "stripe_payment_intents" USING btree ("status");--> statement-breakpoint
CREATE INDEX "stripe_prices_product_idx" ON "stripe_prices" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "stripe_refunds_payment_intent_idx" ON "stripe_refunds" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "stripe_refunds_created_idx" ON "stripe_refunds" USING btree ("created" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_subscription_items_subscription_idx" ON "stripe_subscription_items" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "stripe_subscriptions_customer_idx" ON "stripe_subscriptions" USING btree ("customer_id","created" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stripe_subscriptions_status_idx" ON "stripe_subscriptions" USING btree ("status");