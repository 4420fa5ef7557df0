CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"structure" integer NOT NULL,
	"governance" integer NOT NULL,
	"financing" integer NOT NULL,
	"services" integer NOT NULL,
	"cooperation" integer NOT NULL,
	"recognition" integer NOT NULL,
	"strategy" integer NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_scores_check" CHECK ("assessments"."structure" between 1 and 5 and "assessments"."governance" between 1 and 5 and "assessments"."financing" between 1 and 5 and "assessments"."services" between 1 and 5 and "assessments"."cooperation" between 1 and 5 and "assessments"."recognition" between 1 and 5 and "assessments"."strategy" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "meeting_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"usefulness" integer,
	"comment" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "meeting_evaluations_usefulness_check" CHECK ("meeting_evaluations"."usefulness" is null or "meeting_evaluations"."usefulness" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluations" ADD CONSTRAINT "meeting_evaluations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluations" ADD CONSTRAINT "meeting_evaluations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluations" ADD CONSTRAINT "meeting_evaluations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluations" ADD CONSTRAINT "meeting_evaluations_asked_by_people_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_cluster_idx" ON "assessments" USING btree ("programme_id","cluster_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_evaluations_meeting_person_idx" ON "meeting_evaluations" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "meeting_evaluations_programme_idx" ON "meeting_evaluations" USING btree ("programme_id","answered_at");--> statement-breakpoint
CREATE INDEX "meeting_evaluations_person_idx" ON "meeting_evaluations" USING btree ("person_id");