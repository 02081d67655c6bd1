CREATE TABLE "revoked_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "revoked_sessions" ADD CONSTRAINT "revoked_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_throttle" DROP COLUMN "locked_until";--> statement-breakpoint
-- Counters under the old keys (email:…) mean nothing to the new throttle; they are short-lived anyway.
DELETE FROM "sign_in_throttle";--> statement-breakpoint
-- A changed password or role ends every session issued before it, whichever code or tool changed it.
CREATE FUNCTION "users_end_sessions_on_credential_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.role IS DISTINCT FROM OLD.role THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "users_end_sessions_on_credential_change" BEFORE UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "users_end_sessions_on_credential_change"();
