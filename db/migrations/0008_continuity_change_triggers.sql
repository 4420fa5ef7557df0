-- Every write to a table continuity reads (db/continuity.repository.ts, items() and orgs) logs the clusters
-- it touched in continuity_changes, so the cached touch groups (continuity_cache) are recomputed exactly
-- for those clusters on the next read. Statement-level triggers with transition tables: one log insert
-- per statement, however many rows it wrote, and the log row commits or rolls back with the write itself.
-- TG_ARGV names the columns that lead from a changed row to its clusters: 'cluster_id' directly, 'meeting_id'
-- or 'id' (meetings themselves) through meeting_clusters. UPDATE logs both old and new rows, so a record
-- moved from one cluster or meeting to another marks both.
CREATE FUNCTION continuity_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  via text;
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'select * from new_rows'
    WHEN 'DELETE' THEN 'select * from old_rows'
    ELSE 'select * from old_rows union all select * from new_rows' END;
BEGIN
  FOREACH via IN ARRAY TG_ARGV LOOP
    IF via = 'cluster_id' THEN
      EXECUTE format('insert into continuity_changes (cluster_id) select distinct r.cluster_id from (%s) r where r.cluster_id is not null', changed);
    ELSE
      EXECUTE format('insert into continuity_changes (cluster_id) select distinct mc.cluster_id from meeting_clusters mc where mc.meeting_id in (select r.%I from (%s) r)', via, changed);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  target record;
BEGIN
  -- Postgres allows transition tables only on triggers for a single event: three triggers per table.
  FOR target IN SELECT * FROM (VALUES
    ('meetings', 'id'), ('meeting_clusters', 'cluster_id'), ('meeting_participants', 'meeting_id'),
    ('meeting_organisations', 'meeting_id'), ('decisions', 'meeting_id'), ('action_items', 'meeting_id'),
    ('notes', 'cluster_id'', ''meeting_id'), ('progress_notes', 'cluster_id'), ('plan_gaps', 'cluster_id'),
    ('plan_actions', 'cluster_id'), ('exchange_posts', 'cluster_id')) AS t(tbl, args)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION continuity_log_changes(''%s'')', target.tbl || '_continuity_ins', target.tbl, target.args);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION continuity_log_changes(''%s'')', target.tbl || '_continuity_upd', target.tbl, target.args);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION continuity_log_changes(''%s'')', target.tbl || '_continuity_del', target.tbl, target.args);
  END LOOP;
END
$$;
