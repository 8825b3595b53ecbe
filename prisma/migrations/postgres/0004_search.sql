-- Full-text search over posts (docs/decisions/0008-search.md). Hand-written: these objects are not
-- in the Prisma schema. The column is named search_* so the schema-drift test can tell it apart.
--
-- A text search configuration "townsquare_search" = simple (lower case, no stemming, no stop
-- words) behind the unaccent dictionary, so "sénior" and "senior" give the same lexeme. The same
-- configuration parses the query and drives ts_headline, which then highlights accented words in
-- the original text. "Post".search_vector is maintained by triggers (title of the thread, weight A,
-- on opening posts; the post's plain text, weight B) and indexed with GIN. A maintained column
-- rather than an expression index: the title lives in "Thread", and to_tsvector with a named
-- configuration is not IMMUTABLE (an expression index would need a wrapper that hides that).

CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION townsquare_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION townsquare_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;

ALTER TABLE "Post" ADD COLUMN "search_vector" tsvector;

CREATE FUNCTION townsquare_search_vector(title text, body text) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('townsquare_search', coalesce(title, '')), 'A')
        || setweight(to_tsvector('townsquare_search', coalesce(body, '')), 'B')
$$;

CREATE FUNCTION townsquare_search_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."search_vector" := townsquare_search_vector(
        CASE WHEN NEW."isOpening" THEN (SELECT "title" FROM "Thread" WHERE "id" = NEW."threadId") END,
        NEW."text");
    RETURN NEW;
END
$$;

CREATE TRIGGER "search_post_vector" BEFORE INSERT OR UPDATE OF "text", "threadId", "isOpening" ON "Post"
    FOR EACH ROW EXECUTE FUNCTION townsquare_search_post();

CREATE FUNCTION townsquare_search_thread_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "Post" SET "search_vector" = townsquare_search_vector(NEW."title", "text")
    WHERE "threadId" = NEW."id" AND "isOpening";
    RETURN NULL;
END
$$;

CREATE TRIGGER "search_thread_title" AFTER UPDATE OF "title" ON "Thread"
    FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title") EXECUTE FUNCTION townsquare_search_thread_title();

-- Backfill: posts written before this migration.
UPDATE "Post" p SET "search_vector" = townsquare_search_vector(CASE WHEN p."isOpening" THEN t."title" END, p."text")
FROM "Thread" t WHERE t."id" = p."threadId";

CREATE INDEX "Post_search_vector_idx" ON "Post" USING GIN ("search_vector");
