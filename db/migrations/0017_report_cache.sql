CREATE TABLE "report_cache" (
	"programme_id" uuid NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_cache_pk" PRIMARY KEY("programme_id","key")
);
--> statement-breakpoint
CREATE TABLE "report_changes" (
	"programme_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_cache" ADD CONSTRAINT "report_cache_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_changes_programme_idx" ON "report_changes" USING btree ("programme_id");--> statement-breakpoint
-- Every write to a table the cached figures read (db/report-cache.repository.ts names them) logs its
-- programme in report_changes: statement-level triggers with transition tables, one log insert per statement
-- however many rows it wrote, committed or rolled back with the write itself. UPDATE logs old and new rows,
-- so a row moved between programmes (never done, but cheap to cover) marks both.
CREATE FUNCTION report_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_changes (programme_id) SELECT DISTINCT r.programme_id FROM new_rows r;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_changes (programme_id) SELECT DISTINCT r.programme_id FROM old_rows r;
  ELSE
    INSERT INTO report_changes (programme_id) SELECT r.programme_id FROM old_rows r UNION SELECT r.programme_id FROM new_rows r;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  tbl text;
BEGIN
  -- Postgres allows transition tables only on triggers for a single event: three triggers per table.
  FOREACH tbl IN ARRAY ARRAY['meetings', 'meeting_clusters', 'meeting_participants', 'meeting_organisations',
    'action_items', 'people', 'memberships', 'programme_roles', 'organisations'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_log_changes()', tbl || '_report_ins', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_log_changes()', tbl || '_report_upd', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_log_changes()', tbl || '_report_del', tbl);
  END LOOP;
END
$$;
