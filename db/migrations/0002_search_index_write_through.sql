DROP INDEX "decisions_search_idx";--> statement-breakpoint
DROP INDEX "meetings_search_idx";--> statement-breakpoint
DROP INDEX "action_items_search_idx";--> statement-breakpoint
DROP INDEX "notes_search_idx";--> statement-breakpoint
CREATE INDEX "decisions_search_idx" ON "decisions" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "meetings_search_idx" ON "meetings" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "action_items_search_idx" ON "action_items" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "notes_search_idx" ON "notes" USING gin ("search_vector") WITH (fastupdate=false);