ALTER TABLE "order_lines" ALTER COLUMN "quantity" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "stripe_checkout_line_items" ALTER COLUMN "quantity" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "stripe_invoice_lines" ALTER COLUMN "quantity" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "stripe_subscription_items" ALTER COLUMN "quantity" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "stripe_charges" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_charges" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_checkout_line_items" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_checkout_line_items" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_checkout_sessions" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_checkout_sessions" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_disputes" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_disputes" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_invoice_lines" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_invoice_lines" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_invoice_payments" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_invoice_payments" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_invoices" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_invoices" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_payment_intents" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_payment_intents" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_prices" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_prices" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_products" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_products" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_refunds" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_refunds" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_subscription_items" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_subscription_items" ADD COLUMN "as_of_high" bigint;--> statement-breakpoint
ALTER TABLE "stripe_subscriptions" ADD COLUMN "as_of_low" bigint;--> statement-breakpoint
ALTER TABLE "stripe_subscriptions" ADD COLUMN "as_of_high" bigint;