CREATE TABLE "exchange_learnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_low" uuid NOT NULL,
	"person_high" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"paired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_pauses" (
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cluster_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"tags" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('swedish'::regconfig, coalesce("topic", '') || ' ' || coalesce("tags", ''))) STORED
);
--> statement-breakpoint
CREATE TABLE "exchange_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"need_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"need_person_id" uuid NOT NULL,
	"offer_person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"need_answer" text,
	"offer_answer" text,
	"decline_reason" text,
	"introduced_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_learnings" ADD CONSTRAINT "exchange_learnings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_learnings" ADD CONSTRAINT "exchange_learnings_proposal_id_exchange_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."exchange_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_learnings" ADD CONSTRAINT "exchange_learnings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_pairs" ADD CONSTRAINT "exchange_pairs_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_pairs" ADD CONSTRAINT "exchange_pairs_person_low_people_id_fk" FOREIGN KEY ("person_low") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_pairs" ADD CONSTRAINT "exchange_pairs_person_high_people_id_fk" FOREIGN KEY ("person_high") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_pairs" ADD CONSTRAINT "exchange_pairs_proposal_id_exchange_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."exchange_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_pauses" ADD CONSTRAINT "exchange_pauses_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_pauses" ADD CONSTRAINT "exchange_pauses_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_posts" ADD CONSTRAINT "exchange_posts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_posts" ADD CONSTRAINT "exchange_posts_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_posts" ADD CONSTRAINT "exchange_posts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_proposals" ADD CONSTRAINT "exchange_proposals_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_proposals" ADD CONSTRAINT "exchange_proposals_need_id_exchange_posts_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."exchange_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_proposals" ADD CONSTRAINT "exchange_proposals_offer_id_exchange_posts_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."exchange_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_proposals" ADD CONSTRAINT "exchange_proposals_need_person_id_people_id_fk" FOREIGN KEY ("need_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_proposals" ADD CONSTRAINT "exchange_proposals_offer_person_id_people_id_fk" FOREIGN KEY ("offer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_learnings_once_idx" ON "exchange_learnings" USING btree ("proposal_id","person_id");--> statement-breakpoint
CREATE INDEX "exchange_pairs_people_idx" ON "exchange_pairs" USING btree ("programme_id","person_low","person_high","paired_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_pauses_person_idx" ON "exchange_pauses" USING btree ("programme_id","person_id");--> statement-breakpoint
CREATE INDEX "exchange_posts_open_idx" ON "exchange_posts" USING btree ("programme_id","kind") WHERE "exchange_posts"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "exchange_posts_search_idx" ON "exchange_posts" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_proposals_programme_number_idx" ON "exchange_proposals" USING btree ("programme_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_proposals_pair_idx" ON "exchange_proposals" USING btree ("need_id","offer_id");--> statement-breakpoint
CREATE INDEX "exchange_proposals_need_person_idx" ON "exchange_proposals" USING btree ("programme_id","need_person_id");--> statement-breakpoint
CREATE INDEX "exchange_proposals_offer_person_idx" ON "exchange_proposals" USING btree ("programme_id","offer_person_id");