-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_batch_idx" ON "SurveyResponse"("surveyId", "batch");

