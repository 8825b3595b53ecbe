-- CreateTable
CREATE TABLE "RequestType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "resolutionDefinition" JSONB NOT NULL,
    "group" TEXT NOT NULL DEFAULT 'other',
    "departmentId" TEXT NOT NULL,
    "defaultPriority" TEXT NOT NULL DEFAULT 'normal',
    "targetHours" INTEGER NOT NULL,
    "locationRequired" BOOLEAN NOT NULL DEFAULT true,
    "photosAllowed" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RequestType_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestTypeVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "typeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "fields" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "RequestTypeVersion_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "RequestType" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RequestTypeVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RequestType_code_key" ON "RequestType"("code");

-- CreateIndex
CREATE INDEX "RequestType_departmentId_idx" ON "RequestType"("departmentId");

-- CreateIndex
CREATE INDEX "RequestType_active_group_idx" ON "RequestType"("active", "group");

-- CreateIndex
CREATE UNIQUE INDEX "RequestTypeVersion_typeId_version_key" ON "RequestTypeVersion"("typeId", "version");

