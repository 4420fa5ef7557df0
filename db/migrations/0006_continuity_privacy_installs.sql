CREATE TABLE "inbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"key" text NOT NULL,
	"platform" text NOT NULL,
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"message" jsonb NOT NULL,
	"reply_to" jsonb NOT NULL,
	"status" text NOT NULL,
	"outcome" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"owner" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"person_ids" uuid[] NOT NULL,
	"reply" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"message_id" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "link_generations" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"revoked_at" timestamp with time zone NOT NULL,
	"revoked_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"short_id" text NOT NULL,
	"reason" text NOT NULL,
	"held_by" uuid NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "privacy_erasures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"state" text NOT NULL,
	"source" text NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"requested_at" timestamp with time zone NOT NULL,
	"pseudonym_number" integer,
	"identity_hash" text,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "privacy_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"erasure_id" uuid,
	"table_name" text NOT NULL,
	"row_key" text NOT NULL,
	"column_name" text NOT NULL,
	"record_ref" text,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "slack_installations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"install_key" text NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"is_enterprise_install" boolean DEFAULT false NOT NULL,
	"app_id" text,
	"bot_id" text,
	"bot_user_id" text,
	"bot_scopes" text,
	"bot_token" text,
	"bot_refresh_token" text,
	"bot_token_expires_at" timestamp with time zone,
	"installer_user_id" text,
	"user_scopes" text,
	"user_token" text,
	"user_refresh_token" text,
	"user_token_expires_at" timestamp with time zone,
	"team_name" text,
	"enterprise_name" text,
	"enterprise_url" text,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "review_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_generations" ADD CONSTRAINT "link_generations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_generations" ADD CONSTRAINT "link_generations_revoked_by_people_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_held_by_people_id_fk" FOREIGN KEY ("held_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_released_by_people_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_erasures" ADD CONSTRAINT "privacy_erasures_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_erasures" ADD CONSTRAINT "privacy_erasures_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_flags" ADD CONSTRAINT "privacy_flags_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_flags" ADD CONSTRAINT "privacy_flags_erasure_id_privacy_erasures_id_fk" FOREIGN KEY ("erasure_id") REFERENCES "public"."privacy_erasures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_delivery_idx" ON "inbox" USING btree ("source","key");--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "inbox" USING btree ("status","lease_until");--> statement-breakpoint
CREATE INDEX "inbox_received_idx" ON "inbox" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_key_idx" ON "outbox_messages" USING btree ("programme_id","key");--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "outbox_messages" USING btree ("created_at") WHERE "outbox_messages"."status" in ('pending', 'failed', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "legal_holds_active_idx" ON "legal_holds" USING btree ("entity_id") WHERE "legal_holds"."released_at" is null;--> statement-breakpoint
CREATE INDEX "legal_holds_programme_idx" ON "legal_holds" USING btree ("programme_id","held_at");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_erasures_code_idx" ON "privacy_erasures" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_erasures_pseudonym_idx" ON "privacy_erasures" USING btree ("programme_id","pseudonym_number");--> statement-breakpoint
CREATE INDEX "privacy_erasures_person_idx" ON "privacy_erasures" USING btree ("programme_id","person_id");--> statement-breakpoint
CREATE INDEX "privacy_erasures_identity_idx" ON "privacy_erasures" USING btree ("programme_id","identity_hash");--> statement-breakpoint
CREATE INDEX "privacy_flags_open_idx" ON "privacy_flags" USING btree ("programme_id") WHERE "privacy_flags"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "slack_installations_install_key_idx" ON "slack_installations" USING btree ("install_key");--> statement-breakpoint
CREATE INDEX "slack_installations_enterprise_idx" ON "slack_installations" USING btree ("enterprise_id");--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_programme_created_idx" ON "meetings" USING btree ("programme_id","created_at");--> statement-breakpoint
CREATE INDEX "action_items_touched_idx" ON "action_items" USING btree ("programme_id",coalesce("done_at", "created_at"));--> statement-breakpoint
CREATE INDEX "notes_programme_created_idx" ON "notes" USING btree ("programme_id","created_at");