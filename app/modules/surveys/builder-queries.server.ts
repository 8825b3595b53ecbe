import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { keysetArgs, keysetPage } from '~/lib/keyset';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { hasAnswers } from './building.server';
import type { Survey } from './queries.server';
import { byPosition } from './questions';

/** The builder's reads (staff pages under /staff/surveys). */

/** The authored surveys (never the built-in ones), newest first, a page at a time (keyset: after a survey's id). */
export async function listAuthoredSurveys(after: string | null, size = 50) {
  const rows = await db().survey.findMany({
    where: { key: null },
    select: {
      id: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      responseCount: true,
      version: true,
      anonymous: true,
      createdAt: true,
      updatedAt: true,
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...keysetArgs(size, after),
  });
  const { page, nextAfter } = keysetPage(rows, size);
  return { surveys: page.map((r) => ({ ...r, title: r.title as LocalizedText })), nextAfter };
}

/** The choices of the audience settings: the city's neighborhoods and its members-only channels. */
export async function audienceChoices() {
  const [neighborhoods, channels] = await Promise.all([
    neighborhoodOptions(),
    db().channel.findMany({ where: { visibility: 'members' }, select: { id: true, name: true }, orderBy: { slug: 'asc' } }),
  ]);
  return { neighborhoods, channels: channels.map((c) => ({ id: c.id, name: c.name as LocalizedText })) };
}

/** Whether anyone has answered the survey: its questions, sections and anonymity are then fixed. */
export function isAnswered(surveyId: string) {
  return hasAnswers(db(), surveyId);
}

/**
 * What the question editor offers: how many sections there are, and the questions a condition
 * may depend on (those before the edited one; every question for a new one, which goes last).
 */
export function editorContext(survey: Survey, key: string | null) {
  const sections = Array.isArray(survey.sections) ? survey.sections.length : 0;
  const ordered = [...survey.questions].sort(byPosition);
  const at = key === null ? ordered.length : ordered.findIndex((q) => q.key === key);
  return {
    sections: Math.max(1, sections, ...survey.questions.map((q) => q.section)),
    earlier: ordered.slice(0, at).map((q) => ({ key: q.key, label: q.label })),
  };
}

/** Is there an authored survey with this id (a page's `after` that still exists)? */
export async function surveyExists(id: string) {
  return !!(await db().survey.findFirst({ where: { id, key: null }, select: { id: true } }));
}
