import { db } from '~/lib/db.server';
import { localized, type LocalizedText } from '~/lib/i18n';
import { communityCalendar } from '~/modules/blockwatch/calendar.server';
import { PUBLISHED, PUBLISHED_SELECT, publishAll } from '~/modules/requests/public/published.server';
import { listItem } from '~/modules/requests/public/public-requests.server';
import { openSurveysFor } from '~/modules/surveys/answering-queries.server';

/**
 * What the home page shows everyone: recent public requests, upcoming public meetings, open
 * surveys and budgets in their vote. Each is one bounded read; none depends on who reads, but a
 * neighborhood, so an anonymous visitor's page is the same for all of them.
 */
export const HOME_ITEMS = 5;
/** How far ahead the home page looks for meetings. */
const MEETING_DAYS = 60;

/** The newest published requests, of one neighborhood when given, as the public list shows them. */
export async function recentRequests(neighborhoodId: string | null, lng: string) {
  const rows = await db().serviceRequest.findMany({
    where: { ...PUBLISHED, ...(neighborhoodId ? { neighborhoodId } : {}) },
    select: PUBLISHED_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: HOME_ITEMS,
  });
  return (await publishAll(rows, lng)).map(listItem);
}

/** The next public meetings (not cancelled), soonest first. */
export async function upcomingMeetings(lng: string, now = new Date()) {
  const entries = await communityCalendar({ neighborhoodId: null, from: now, days: MEETING_DAYS, lng });
  return entries
    .filter((e) => e.kind === 'meeting' && !e.cancelled)
    .slice(0, HOME_ITEMS)
    .map((e) => ({ uid: e.uid, title: e.title, startsAt: e.startsAt.toISOString(), path: e.path, group: e.group }));
}

/** Surveys anyone (or this person) may answer now, closing soonest first. */
export async function openSurveys(user: Parameters<typeof openSurveysFor>[0]) {
  return (await openSurveysFor(user, [])).slice(0, HOME_ITEMS).map((s) => ({ id: s.id, title: s.title, closesAt: s.closesAt }));
}

/** Participatory budgets whose vote is open. */
export async function votingBudgets(lng: string) {
  const rows = await db().budgetProcess.findMany({
    where: { phase: 'voting' },
    select: { slug: true, title: true },
    orderBy: { createdAt: 'desc' },
    take: HOME_ITEMS,
  });
  return rows.map((r) => {
    const title = localized(r.title as LocalizedText, lng);
    return { slug: r.slug, title: title.text, lang: title.fellBack ? title.lang : undefined };
  });
}
