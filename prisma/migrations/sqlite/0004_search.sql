-- Full-text search over posts (docs/decisions/0008-search.md). Hand-written: FTS5 objects are not
-- in the Prisma schema. Everything here is named search_* so the schema-drift test can tell it
-- apart from the tables the schema describes.
--
-- search_documents is an ordinary table (one row per post: the thread title for opening posts,
-- '' for replies, and the post's plain text) that the Post and Thread triggers keep current; it is
-- the external content of the FTS5 index search_posts, so the text is stored once and deleting or
-- changing a post finds its row through an index instead of scanning the FTS table.
-- unicode61 with remove_diacritics 2 folds case and accents: "sénior" and "senior" are one token.
-- Note: a later migration that rebuilds "Post" or "Thread" (copy + DROP) drops their triggers;
-- it must create them again (tests/integration/schema-drift.test.ts checks that they exist).

CREATE TABLE "search_documents" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "post_id" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL
);
CREATE UNIQUE INDEX "search_documents_post_id_key" ON "search_documents"("post_id");
CREATE INDEX "search_documents_thread_id_idx" ON "search_documents"("thread_id");

CREATE VIRTUAL TABLE "search_posts" USING fts5(
    title,
    body,
    content = 'search_documents',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The FTS index follows search_documents (the usual external-content triggers).
CREATE TRIGGER "search_documents_ai" AFTER INSERT ON "search_documents" BEGIN
    INSERT INTO "search_posts" (rowid, title, body) VALUES (NEW."id", NEW."title", NEW."body");
END;
CREATE TRIGGER "search_documents_ad" AFTER DELETE ON "search_documents" BEGIN
    INSERT INTO "search_posts" ("search_posts", rowid, title, body) VALUES ('delete', OLD."id", OLD."title", OLD."body");
END;
CREATE TRIGGER "search_documents_au" AFTER UPDATE ON "search_documents" BEGIN
    INSERT INTO "search_posts" ("search_posts", rowid, title, body) VALUES ('delete', OLD."id", OLD."title", OLD."body");
    INSERT INTO "search_posts" (rowid, title, body) VALUES (NEW."id", NEW."title", NEW."body");
END;

-- search_documents follows "Post" and "Thread". U+E000/U+E001 are removed from the indexed text:
-- they are the match markers of snippet()/highlight() (app/modules/search/search.server.ts).
CREATE TRIGGER "search_post_ai" AFTER INSERT ON "Post" BEGIN
    INSERT INTO "search_documents" ("post_id", "thread_id", "title", "body")
    VALUES (
        NEW."id",
        NEW."threadId",
        CASE WHEN NEW."isOpening" THEN replace(replace(coalesce((SELECT "title" FROM "Thread" WHERE "id" = NEW."threadId"), ''), char(57344), ''), char(57345), '') ELSE '' END,
        replace(replace(NEW."text", char(57344), ''), char(57345), '')
    );
END;
CREATE TRIGGER "search_post_au" AFTER UPDATE OF "text", "threadId", "isOpening" ON "Post" BEGIN
    UPDATE "search_documents" SET
        "thread_id" = NEW."threadId",
        "title" = CASE WHEN NEW."isOpening" THEN replace(replace(coalesce((SELECT "title" FROM "Thread" WHERE "id" = NEW."threadId"), ''), char(57344), ''), char(57345), '') ELSE '' END,
        "body" = replace(replace(NEW."text", char(57344), ''), char(57345), '')
    WHERE "post_id" = NEW."id";
END;
CREATE TRIGGER "search_post_ad" AFTER DELETE ON "Post" BEGIN
    DELETE FROM "search_documents" WHERE "post_id" = OLD."id";
END;
CREATE TRIGGER "search_thread_title_au" AFTER UPDATE OF "title" ON "Thread" WHEN OLD."title" IS NOT NEW."title" BEGIN
    UPDATE "search_documents" SET "title" = replace(replace(NEW."title", char(57344), ''), char(57345), '')
    WHERE "post_id" IN (SELECT "id" FROM "Post" WHERE "threadId" = NEW."id" AND "isOpening");
END;
CREATE TRIGGER "search_thread_ad" AFTER DELETE ON "Thread" BEGIN
    DELETE FROM "search_documents" WHERE "thread_id" = OLD."id";
END;

-- Backfill: posts written before this migration (the triggers above fill the FTS index).
INSERT INTO "search_documents" ("post_id", "thread_id", "title", "body")
SELECT p."id", p."threadId",
       CASE WHEN p."isOpening" THEN replace(replace(t."title", char(57344), ''), char(57345), '') ELSE '' END,
       replace(replace(p."text", char(57344), ''), char(57345), '')
FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId";
