-- DropIndex
DROP INDEX "ServiceRequest_departmentId_createdAt_idx";

-- DropIndex
DROP INDEX "ServiceRequest_assigneeId_status_idx";

-- DropIndex
DROP INDEX "ServiceRequest_neighborhoodId_createdAt_idx";

-- CreateIndex
CREATE INDEX "ServiceRequest_status_dueAt_idx" ON "ServiceRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_departmentId_status_createdAt_idx" ON "ServiceRequest"("departmentId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_assigneeId_status_dueAt_idx" ON "ServiceRequest"("assigneeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_neighborhoodId_status_createdAt_idx" ON "ServiceRequest"("neighborhoodId", "status", "createdAt");

