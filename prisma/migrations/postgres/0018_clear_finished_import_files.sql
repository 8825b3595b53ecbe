-- A completed legacy import no longer keeps its file (docs/decisions/0015-legacy-import.md):
-- only an unfinished run needs the text, to be validated again or resumed.
UPDATE "ImportRun" SET "fileText" = '' WHERE "status" = 'completed' AND "fileText" <> '';
