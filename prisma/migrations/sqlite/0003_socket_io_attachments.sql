-- CreateTable
CREATE TABLE "socket_io_attachments" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" BLOB NOT NULL
);

