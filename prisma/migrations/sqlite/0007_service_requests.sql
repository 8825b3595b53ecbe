-- CreateTable
CREATE TABLE "ServiceRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicCode" TEXT NOT NULL,
    "typeId" TEXT NOT NULL,
    "typeVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "priority" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "address" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "neighborhoodId" TEXT,
    "departmentId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "dueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "resolutionCode" TEXT,
    "resolutionNote" TEXT,
    "duplicateOfId" TEXT,
    "legacyId" TEXT,
    "requesterId" TEXT,
    "trackingTokenHash" TEXT,
    "createdById" TEXT,
    "submissionKey" TEXT,
    CONSTRAINT "ServiceRequest_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "RequestType" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ServiceRequest_typeId_typeVersion_fkey" FOREIGN KEY ("typeId", "typeVersion") REFERENCES "RequestTypeVersion" ("typeId", "version") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ServiceRequest_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ServiceRequest_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ServiceRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ServiceRequest_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "ServiceRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ServiceRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ServiceRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequesterContact" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequesterContact_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ServiceRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ServiceRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RequestEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestLink_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ServiceRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerKind" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRequest_publicCode_key" ON "ServiceRequest"("publicCode");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRequest_legacyId_key" ON "ServiceRequest"("legacyId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRequest_trackingTokenHash_key" ON "ServiceRequest"("trackingTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRequest_submissionKey_key" ON "ServiceRequest"("submissionKey");

-- CreateIndex
CREATE INDEX "ServiceRequest_status_createdAt_idx" ON "ServiceRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_departmentId_status_dueAt_idx" ON "ServiceRequest"("departmentId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_departmentId_createdAt_idx" ON "ServiceRequest"("departmentId", "createdAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_typeId_createdAt_idx" ON "ServiceRequest"("typeId", "createdAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_assigneeId_status_idx" ON "ServiceRequest"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "ServiceRequest_neighborhoodId_createdAt_idx" ON "ServiceRequest"("neighborhoodId", "createdAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_requesterId_createdAt_id_idx" ON "ServiceRequest"("requesterId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ServiceRequest_createdAt_idx" ON "ServiceRequest"("createdAt");

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_createdAt_idx" ON "RequestEvent"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "RequestEvent_kind_createdAt_idx" ON "RequestEvent"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "RequestLink_targetKind_targetId_idx" ON "RequestLink"("targetKind", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestLink_requestId_targetKind_targetId_key" ON "RequestLink"("requestId", "targetKind", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_path_key" ON "Attachment"("path");

-- CreateIndex
CREATE INDEX "Attachment_ownerKind_ownerId_createdAt_idx" ON "Attachment"("ownerKind", "ownerId", "createdAt");

