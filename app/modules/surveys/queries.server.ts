import { LRUCache } from 'lru-cache';
import { db } from '~/lib/db.server';
import { parseQuestions, type Question } from './questions';

/**
 * Reads shared by every survey page: one survey with its questions parsed. Each page's own reads
 * are in the file of its part (builder-, answering-, results-queries.server.ts).
 */
/** What the policy (policy.ts SurveyAccess) reads of a survey. */
export const SURVEY_ACCESS = {
  key: true,
  status: true,
  audience: true,
  audienceNeighborhoods: true,
  audienceChannelId: true,
  opensAt: true,
  closesAt: true,
  resultsPublic: true,
} as const;

const SURVEY = {
  id: true,
  ...SURVEY_ACCESS,
  title: true,
  intro: true,
  thanks: true,
  sections: true,
  questions: true,
  anonymous: true,
  version: true,
  previousVersionId: true,
  responseCount: true,
  createdAt: true,
  updatedAt: true,
} as const;

/**
 * Parsed question sets by their stored text: checking a set costs far more than writing it out,
 * and sharing the parsed objects lets the validators built from them be reused (answers.ts).
 */
const parsed = new LRUCache<string, Question[]>({ max: 200 });

function questionsOf(stored: unknown): Question[] {
  const text = JSON.stringify(stored);
  let questions = parsed.get(text);
  if (!questions) {
    questions = parseQuestions(stored);
    parsed.set(text, questions);
  }
  return questions;
}

export async function getSurvey(id: string) {
  if (id.length > 40) return null;
  const row = await db().survey.findUnique({ where: { id }, select: SURVEY });
  return row && { ...row, questions: questionsOf(row.questions) };
}
export type Survey = NonNullable<Awaited<ReturnType<typeof getSurvey>>>;
