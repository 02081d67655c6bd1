CREATE TABLE "invitations" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"organisation_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"accepted_by" text,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"organisation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"personal" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "orders_user_idx";--> statement-breakpoint
DROP INDEX "orders_user_attempt_idx";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "organisation_id" text;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "organisation_id" text;--> statement-breakpoint
-- Every account has a personal organisation it owns, whichever code or tool created the account
-- (sign-up, OAuth, the seed, tests). Its id is derived from the user's, so it can be found again.
CREATE FUNCTION "users_create_personal_organisation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "organisations" ("id", "name", "personal", "created_at")
    VALUES (md5('personal:' || NEW.id)::uuid::text, coalesce(nullif(trim(NEW.name), ''), NEW.email), true, NEW.created_at);
  INSERT INTO "memberships" ("organisation_id", "user_id", "role", "created_at")
    VALUES (md5('personal:' || NEW.id)::uuid::text, NEW.id, 'owner', NEW.created_at);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "users_create_personal_organisation" AFTER INSERT ON "users"
  FOR EACH ROW EXECUTE FUNCTION "users_create_personal_organisation"();--> statement-breakpoint
-- Existing accounts get theirs now; each existing customer and order moves to its user's.
INSERT INTO "organisations" ("id", "name", "personal", "created_at")
  SELECT md5('personal:' || u.id)::uuid::text, coalesce(nullif(trim(u.name), ''), u.email), true, u.created_at FROM "users" u;--> statement-breakpoint
INSERT INTO "memberships" ("organisation_id", "user_id", "role", "created_at")
  SELECT md5('personal:' || u.id)::uuid::text, u.id, 'owner', u.created_at FROM "users" u;--> statement-breakpoint
UPDATE "stripe_customers" SET "organisation_id" = md5('personal:' || "user_id")::uuid::text WHERE "user_id" IS NOT NULL;--> statement-breakpoint
UPDATE "orders" SET "organisation_id" = md5('personal:' || "user_id")::uuid::text;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "organisation_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_organisation_idx" ON "invitations" USING btree ("organisation_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_owner_idx" ON "memberships" USING btree ("organisation_id") WHERE role = 'owner';--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD CONSTRAINT "stripe_customers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_organisation_idx" ON "orders" USING btree ("organisation_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "orders_organisation_attempt_idx" ON "orders" USING btree ("organisation_id","attempt_id");--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD CONSTRAINT "stripe_customers_organisation_id_unique" UNIQUE("organisation_id");--> statement-breakpoint
ALTER TABLE "stripe_customers" DROP CONSTRAINT "stripe_customers_user_id_unique";--> statement-breakpoint
ALTER TABLE "stripe_customers" DROP CONSTRAINT "stripe_customers_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stripe_customers" DROP COLUMN "user_id";