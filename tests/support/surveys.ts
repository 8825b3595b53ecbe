import { randomUUID } from 'node:crypto';
import { DEMO, signedIn, type Client } from './client';
import { sql } from './sql';

/**
 * Surveys arranged straight in the database (the builder's screens are tested on their own): a
 * published survey with a given question set, and residents to answer it.
 */
const L = (en: string) => ({ en, es: `${en} (es)` });
export const label = L;
export const choices = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));

/** A question of `kind` on page `section`, required unless `extra` says otherwise. */
const ask = (key: string, kind: string, section: number, order: number, text: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind,
  section,
  order,
  required: true,
  label: L(text),
  ...extra,
});

/** Two pages with every question kind; `extra` (page 2) is shown only when `likes` is No. */
export const PARK_QUESTIONS = [
  ask('likes', 'yesNo', 1, 1, 'Do you like the park?'),
  ask('why', 'longText', 1, 2, 'Why?', { required: false, condition: { question: 'likes', op: 'eq', value: 'yes' } }),
  ask('score', 'rating', 1, 3, 'How clean is it?', { scale: { min: 1, max: 5, minLabel: L('Dirty'), maxLabel: L('Spotless') } }),
  ask('color', 'singleChoice', 1, 4, 'Bench color', { options: choices('green', 'blue') }),
  ask('topics', 'multipleChoice', 1, 5, 'What to improve', {
    required: false,
    options: choices('lights', 'paths', 'toilets'),
    maxChoices: 2,
  }),
  ask('visits', 'number', 1, 6, 'Visits a month', { min: 0, max: 100 }),
  ask('since', 'date', 1, 7, 'First visit', { required: false }),
  ask('nick', 'text', 1, 8, 'Your park nickname', { required: false }),
  ask('order', 'ranking', 2, 1, 'Rank these', { options: choices('swings', 'pond', 'trees') }),
  ask('grid', 'matrix', 2, 2, 'Rate each', { scale: { min: 1, max: 3 }, rows: choices('safety', 'shade') }),
  ask('extra', 'text', 2, 3, 'What would make you like it?', { condition: { question: 'likes', op: 'eq', value: 'no' } }),
];

export type SurveyRow = {
  title?: string;
  questions: unknown[];
  sections?: unknown[];
  anonymous?: boolean;
  audience?: 'public' | 'signedIn' | 'neighborhoods' | 'channel';
  audienceNeighborhoods?: string[];
  audienceChannelId?: string | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
  status?: string;
  thanks?: string;
};

/** Inserts a survey (published, open, not anonymous, public unless told) and answers its id. */
export async function insertSurvey(databaseUrl: string, survey: SurveyRow): Promise<string> {
  const id = `sv${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const title = survey.title ?? 'Parks survey';
  const now = new Date().toISOString();
  await sql(
    databaseUrl,
    `INSERT INTO "Survey" (id, title, intro, thanks, sections, questions, anonymous, audience, "audienceNeighborhoods",
       "audienceChannelId", "opensAt", "closesAt", status, "resultsPublic", version, "responseCount", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, ${survey.anonymous ? 'true' : 'false'}, $7, $8, $9, $10, $11, $12, false, 1, 0, $13, $13)`,
    [
      id,
      JSON.stringify(L(title)),
      JSON.stringify(L(`About ${title}.`)),
      JSON.stringify(L(survey.thanks ?? 'Thanks for helping the parks.')),
      JSON.stringify(survey.sections ?? []),
      JSON.stringify(survey.questions),
      survey.audience ?? 'public',
      JSON.stringify(survey.audienceNeighborhoods ?? []),
      survey.audienceChannelId ?? null,
      survey.opensAt?.toISOString() ?? null,
      survey.closesAt?.toISOString() ?? null,
      survey.status ?? 'published',
      now,
    ],
  );
  return id;
}

/** A neighborhood's id by its slug (the demo city has old-town, riverside, las-flores, northgate). */
export async function neighborhoodId(databaseUrl: string, slug: string): Promise<string> {
  const [row] = await sql(databaseUrl, `SELECT id FROM "Neighborhood" WHERE slug = $1`, [slug]);
  if (!row) throw new Error(`no neighborhood ${slug}`);
  return String(row.id);
}

let residents = 0;
/**
 * A new verified resident (a copy of the demo resident with the demo password), living in the
 * given neighborhood, signed in: quicker than the sign-up form when a test needs many.
 */
export async function newResident(
  base: string,
  databaseUrl: string,
  neighborhood: string | null = null,
): Promise<{ client: Client; id: string }> {
  const id = `res${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const email = `survey.resident.${Date.now().toString(36)}.${++residents}@example.org`;
  await sql(
    databaseUrl,
    `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", "passwordHash", locale, "neighborhoodId", status, "failedLogins", "createdAt", "notifyEmail")
     SELECT $1, $2, $3, "emailVerifiedAt", "passwordHash", 'en', $4, 'active', 0, "createdAt", "notifyEmail" FROM "User" WHERE email = $5`,
    [id, `Resident ${residents}`, email, neighborhood, DEMO.resident],
  );
  return { client: await signedIn(base, email), id };
}
