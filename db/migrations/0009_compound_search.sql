-- Compound-word search (db/search.repository.ts). Swedish writes compounds as one word and the stemmer keeps
-- them whole: `styrgruppsmötet` stays the lexeme `styrgruppsmötet`, which the prefix query for `möte` (`möt`:*)
-- never finds. The head of a Swedish compound is its last part, so a lexeme that ENDS with the searched
-- stem, give or take the one or two letters of an ending the stemmer left on (the definite -et, -en), is a
-- match. compound_vector adds every lexeme reversed and marked with `~`, also without its last one and two
-- letters (`~tetömsppurgryts`, `~etömsppurgryts`, `~tömsppurgryts`), so that suffix becomes a prefix
-- (`~töm`:*) that one GIN index answers together with the ordinary words. `~` never starts a lexeme the
-- Swedish parser makes, so the two kinds cannot be confused. Built from the stored search_vector, so it
-- follows the same Swedish stemming.
CREATE FUNCTION compound_vector(v tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    select v || coalesce(array_to_tsvector(array_agg(distinct '~' || r)), ''::tsvector)
    from unnest(v) u, lateral (values (reverse(u.lexeme)), (substr(reverse(u.lexeme), 2)), (substr(reverse(u.lexeme), 3))) x(r)
    where length(r) >= 3
  $$;--> statement-breakpoint
CREATE INDEX "meetings_compound_idx" ON "meetings" USING gin (compound_vector("search_vector")) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "decisions_compound_idx" ON "decisions" USING gin (compound_vector("search_vector")) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "action_items_compound_idx" ON "action_items" USING gin (compound_vector("search_vector")) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "notes_compound_idx" ON "notes" USING gin (compound_vector("search_vector")) WITH (fastupdate=false);
