CREATE TABLE "continuity_cache" (
	"programme_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"since" date,
	"payload" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "continuity_cache_pk" PRIMARY KEY("cluster_id","kind")
);
--> statement-breakpoint
CREATE TABLE "continuity_changes" (
	"cluster_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "continuity_cache" ADD CONSTRAINT "continuity_cache_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_cache" ADD CONSTRAINT "continuity_cache_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "continuity_changes_cluster_idx" ON "continuity_changes" USING btree ("cluster_id");