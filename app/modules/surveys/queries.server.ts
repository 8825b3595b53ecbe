import { LRUCache } from 'lru-cache';
import { db } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
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

async function readSurvey(id: string) {
  const row = await db().survey.findUnique({ where: { id }, select: SURVEY });
  return row && { ...row, questions: questionsOf(row.questions) };
}
export type Survey = NonNullable<Awaited<ReturnType<typeof readSurvey>>>;

/**
 * Surveys as last read, by id: every answer and every results page reads its survey, whose
 * questions and texts are the biggest row a page reads. Each use still reads the columns that
 * move without an edit of the survey (its count, with every answer) or that decide who may do
 * what now (status, open and close times, published results), and updatedAt, which moves with
 * every edit: the rest is kept as read until the next edit.
 */
const kept = new LRUCache<string, Survey>({ max: 500 });

/**
 * A survey is kept only once it has not changed for this long: two edits in the same millisecond
 * would have the same updatedAt, and only a recent edit can be followed by one.
 */
const SETTLED_MS = 1000;

type Moving = {
  updatedAt: Date | string;
  responseCount: number | bigint;
  status: string;
  opensAt: Date | string | null;
  closesAt: Date | string | null;
  resultsPublic: boolean | number | bigint;
};

export async function getSurvey(id: string): Promise<Survey | null> {
  if (id.length > 40) return null;
  // Raw SQL: a third of a Prisma findUnique's cost, and this runs for every answer and results page.
  const [now] = await db().$queryRaw<Moving[]>`
    SELECT "updatedAt", "responseCount", "status", "opensAt", "closesAt", "resultsPublic" FROM "Survey" WHERE "id" = ${id}`;
  if (!now) return null;
  const last = kept.get(id);
  const { toDate } = dialect();
  if (last && last.updatedAt.getTime() === toDate(now.updatedAt).getTime())
    return {
      ...last,
      responseCount: Number(now.responseCount),
      status: now.status,
      opensAt: now.opensAt === null ? null : toDate(now.opensAt),
      closesAt: now.closesAt === null ? null : toDate(now.closesAt),
      resultsPublic: Boolean(Number(now.resultsPublic)),
    };
  const survey = await readSurvey(id);
  if (survey && Date.now() - survey.updatedAt.getTime() > SETTLED_MS) kept.set(id, survey);
  return survey;
}
