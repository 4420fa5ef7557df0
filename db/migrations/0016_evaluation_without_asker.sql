ALTER TABLE "meeting_evaluations" DROP CONSTRAINT "meeting_evaluations_asked_by_people_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_evaluations" DROP COLUMN "asked_by";