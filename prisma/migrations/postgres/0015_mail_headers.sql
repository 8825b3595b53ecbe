-- Mail headers come from server values only (issue 10): the language a mail is written in
-- (Content-Language) and its signed unsubscribe URL (List-Unsubscribe), never parsed from its text.

-- AlterTable
ALTER TABLE "MailMessage" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "listUnsubscribe" TEXT;
