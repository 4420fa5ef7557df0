CREATE TABLE "agenda_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"planned_meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text,
	"carried_from_id" uuid
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "planned_meeting_clusters" (
	"programme_id" uuid NOT NULL,
	"planned_meeting_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	CONSTRAINT "planned_meeting_clusters_pk" PRIMARY KEY("planned_meeting_id","cluster_id")
);
--> statement-breakpoint
CREATE TABLE "planned_meeting_invitees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"planned_meeting_id" uuid NOT NULL,
	"person_id" uuid,
	"guest_name" text,
	"guest_organisation" text,
	CONSTRAINT "planned_meeting_invitees_who_check" CHECK ("planned_meeting_invitees"."person_id" is not null or "planned_meeting_invitees"."guest_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "planned_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"place" text,
	"online_url" text,
	"kind" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"meeting_id" uuid,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planned_meetings_duration_check" CHECK ("planned_meetings"."duration_minutes" > 0)
);
--> statement-breakpoint
ALTER TABLE "agenda_topics" ADD CONSTRAINT "agenda_topics_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_topics" ADD CONSTRAINT "agenda_topics_planned_meeting_id_planned_meetings_id_fk" FOREIGN KEY ("planned_meeting_id") REFERENCES "public"."planned_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_topics" ADD CONSTRAINT "agenda_topics_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_topics" ADD CONSTRAINT "agenda_topics_carried_from_id_agenda_topics_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."agenda_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meeting_clusters" ADD CONSTRAINT "planned_meeting_clusters_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meeting_clusters" ADD CONSTRAINT "planned_meeting_clusters_planned_meeting_id_planned_meetings_id_fk" FOREIGN KEY ("planned_meeting_id") REFERENCES "public"."planned_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meeting_clusters" ADD CONSTRAINT "planned_meeting_clusters_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meeting_invitees" ADD CONSTRAINT "planned_meeting_invitees_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meeting_invitees" ADD CONSTRAINT "planned_meeting_invitees_planned_meeting_id_planned_meetings_id_fk" FOREIGN KEY ("planned_meeting_id") REFERENCES "public"."planned_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meeting_invitees" ADD CONSTRAINT "planned_meeting_invitees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meetings" ADD CONSTRAINT "planned_meetings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meetings" ADD CONSTRAINT "planned_meetings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_meetings" ADD CONSTRAINT "planned_meetings_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_topics_meeting_position_idx" ON "agenda_topics" USING btree ("planned_meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_topics_carried_from_idx" ON "agenda_topics" USING btree ("carried_from_id") WHERE "agenda_topics"."carried_from_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_idx" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_person_idx" ON "calendar_feeds" USING btree ("programme_id","person_id") WHERE "calendar_feeds"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "planned_meeting_clusters_cluster_idx" ON "planned_meeting_clusters" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "planned_meeting_invitees_meeting_idx" ON "planned_meeting_invitees" USING btree ("planned_meeting_id");--> statement-breakpoint
CREATE INDEX "planned_meeting_invitees_person_idx" ON "planned_meeting_invitees" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "planned_meetings_programme_number_idx" ON "planned_meetings" USING btree ("programme_id","number");--> statement-breakpoint
CREATE INDEX "planned_meetings_programme_starts_idx" ON "planned_meetings" USING btree ("programme_id","starts_at") WHERE "planned_meetings"."status" = 'planned';