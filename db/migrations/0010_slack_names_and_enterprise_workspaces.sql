ALTER TABLE "workspaces" ADD COLUMN "enterprise_id" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_refreshed_at" timestamp with time zone;