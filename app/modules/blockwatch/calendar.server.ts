import ical, { ICalEventStatus } from 'ical-generator';
import { LRUCache } from 'lru-cache';
import type { Caller } from '~/lib/caller.server';
import { db } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { localized, type LocalizedText } from '~/lib/i18n';
import { fail, ok, type Result } from '~/lib/result';
import { dateIn } from '~/lib/time';
import { userById } from '~/modules/identity/session.server';
import { hashToken, newToken } from '~/modules/identity/tokens.server';
import { datesBetween, MEETING_TIMING } from './meetings.server';
import { readsBoard } from './policy';
import { membershipOf, type Group } from './queries.server';

/**
 * Calendars (docs/decisions/0023-block-watch-design.md): the public community calendar (public
 * meetings of every group and the closing dates of surveys anyone may answer, per neighborhood)
 * as a page and an iCalendar feed, and a member's private feed of their group (members-only
 * meetings too) behind a revocable token. Feeds are written by ical-generator with every time in
 * UTC, so calendar apps place them right across a daylight-saving change with no VTIMEZONE.
 */

export type CalendarEntry = {
  /** A meeting's date, a survey's closing, a participatory budget's vote opening or closing */
  kind: 'meeting' | 'survey' | 'voteOpens' | 'voteCloses';
  uid: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  /** The page on this site (a meeting's date, a survey) */
  path: string;
  place: string | null;
  link: string | null;
  group: { name: string; slug: string } | null;
  /** The language of the title when it is not the reader's (a survey without a translation) */
  lang?: string;
};

const DAY = 24 * 3600 * 1000;

/** What feeds hold: a month back (so a date just past stays in the app) to a year ahead. */
export const FEED_DAYS_BACK = 31;
export const FEED_DAYS_AHEAD = 366;

/** Meeting dates of these groups (or of every group) in [from, to], cancelled ones included (feeds tell apps). */
async function meetingEntries(where: { groupIds?: string[]; neighborhoodId?: string | null; publicOnly: boolean }, from: Date, to: Date) {
  const meetings = await db().meeting.findMany({
    where: {
      ...(where.groupIds ? { groupId: { in: where.groupIds } } : {}),
      ...(where.neighborhoodId ? { group: { neighborhoodId: where.neighborhoodId } } : {}),
      ...(where.publicOnly ? { visibility: 'public' } : {}),
      // A date moved later keeps lastStartsAt in step (moveDate), so this bound holds for every date;
      // a series starting after the window counts only if one of its dates was moved into it.
      lastStartsAt: { gte: new Date(from.getTime() - DAY) },
      OR: [{ startsAt: { lte: to } }, { exceptions: { some: { startsAt: { lte: to } } } }],
    },
    select: {
      id: true,
      title: true,
      place: true,
      link: true,
      ...MEETING_TIMING,
      group: { select: { name: true, slug: true } },
    },
  });
  return meetings.flatMap((m) =>
    datesBetween(m, from, to).map((d): CalendarEntry => {
      const day = dateIn(d.originalStart, m.timeZone);
      return {
        kind: 'meeting',
        uid: `meeting-${m.id}-${day}`,
        title: m.title,
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        cancelled: d.cancelled,
        path: `/meetings/${m.id}/${day}`,
        place: m.place,
        link: m.link,
        group: m.group,
      };
    }),
  );
}

/** Closing times of published surveys anyone may answer (never one for some neighborhoods' residents only). */
async function surveyEntries(from: Date, to: Date, lng: string): Promise<CalendarEntry[]> {
  const surveys = await db().survey.findMany({
    where: { key: null, status: 'published', audience: { in: ['public', 'signedIn'] }, closesAt: { gte: from, lte: to } },
    select: { id: true, title: true, closesAt: true },
    take: 500,
  });
  return surveys.map((s) => {
    const title = localized(s.title as LocalizedText, lng);
    return {
      kind: 'survey',
      uid: `survey-${s.id}`,
      title: title.text,
      lang: title.fellBack ? title.lang : undefined,
      startsAt: s.closesAt!,
      endsAt: s.closesAt!,
      cancelled: false,
      path: `/surveys/${s.id}`,
      place: null,
      link: null,
      group: null,
    };
  });
}

/**
 * When participatory budget votes open and close: city-wide ones for every neighborhood, the others
 * for their neighborhoods. A phase ends when its last day does, shown as that day's last minute.
 */
async function voteEntries(neighborhoodId: string | null, from: Date, to: Date, lng: string): Promise<CalendarEntry[]> {
  const phases = await db().budgetPhase.findMany({
    where: {
      phase: 'voting',
      OR: [{ startsAt: { gte: from, lte: to } }, { endsAt: { gt: from, lte: new Date(to.getTime() + 60_000) } }],
      ...(neighborhoodId ? { process: { OR: [{ scope: 'city' }, { scopes: { some: { neighborhoodId } } }] } } : {}),
    },
    select: { startsAt: true, endsAt: true, process: { select: { id: true, slug: true, title: true } } },
    take: 200,
  });
  return phases.flatMap((p) => {
    const title = localized(p.process.title as LocalizedText, lng);
    const common = {
      title: title.text,
      lang: title.fellBack ? title.lang : undefined,
      cancelled: false,
      path: `/budgets/${p.process.slug}`,
      place: null,
      link: null,
      group: null,
    };
    const closes = new Date(p.endsAt.getTime() - 60_000);
    return [
      { ...common, kind: 'voteOpens' as const, uid: `vote-opens-${p.process.id}`, startsAt: p.startsAt, endsAt: p.startsAt },
      { ...common, kind: 'voteCloses' as const, uid: `vote-closes-${p.process.id}`, startsAt: closes, endsAt: closes },
    ].filter((e) => e.startsAt >= from && e.startsAt <= to);
  });
}

/** The community calendar: public meetings (of one neighborhood's groups, if given), survey closings and budget votes, by time. */
export async function communityCalendar(options: { neighborhoodId: string | null; from: Date; days: number; lng: string }) {
  const to = new Date(options.from.getTime() + options.days * DAY);
  const [meetings, surveys, votes] = await Promise.all([
    meetingEntries({ neighborhoodId: options.neighborhoodId, publicOnly: true }, options.from, to),
    // Surveys concern the whole city's readers: listed whatever the neighborhood chosen.
    surveyEntries(options.from, to, options.lng),
    voteEntries(options.neighborhoodId, options.from, to, options.lng),
  ]);
  return [...meetings, ...surveys, ...votes].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** What the community feed is built from, in one key that moves with any edit of a meeting (a cancelled or moved date too), a group or a survey. */
async function feedVersion(): Promise<string> {
  const [meetings, groups, surveys, budgets] = await Promise.all([
    db().meeting.aggregate({ _max: { updatedAt: true }, _count: { _all: true } }),
    db().blockWatchGroup.aggregate({ _max: { updatedAt: true }, _count: { _all: true } }),
    db().survey.aggregate({ _max: { updatedAt: true }, _count: { _all: true } }),
    db().budgetProcess.aggregate({ _max: { updatedAt: true }, _count: { _all: true } }),
  ]);
  return [meetings, groups, surveys, budgets].map((r) => `${r._max.updatedAt?.getTime() ?? 0}.${r._count._all}`).join('|');
}

/**
 * Community feeds as last written, one per city, language, neighborhood and day, with the data's
 * version: the same for every reader, and costly to write (ical-generator folds every line a
 * character at a time), so a feed is written once per change rather than once per calendar app
 * that polls it. A newer version replaces the kept one.
 */
const feeds = new LRUCache<string, { version: string; body: string }>({ max: 200 });

export async function communityFeed(key: string, write: () => Promise<string>): Promise<string> {
  const version = await feedVersion();
  const kept = feeds.get(key);
  if (kept?.version === version) return kept.body;
  const body = await write();
  feeds.set(key, { version, body });
  return body;
}

/** One group's meetings for its members' private feed: members-only ones too. */
export async function groupCalendar(groupId: string, from: Date, days: number) {
  const entries = await meetingEntries({ groupIds: [groupId], publicOnly: false }, from, new Date(from.getTime() + days * DAY));
  return entries.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** An iCalendar document of the entries: UTC times, stable UIDs, cancelled dates marked so. */
export function icalendar(name: string, entries: CalendarEntry[], describe: (entry: CalendarEntry) => string): string {
  const base = getEnv().PUBLIC_URL;
  const host = new URL(base).host;
  const calendar = ical({ name, prodId: { company: 'Townsquare', product: 'Townsquare', language: 'EN' } });
  for (const entry of entries) {
    calendar.createEvent({
      id: `${entry.uid}@${host}`,
      start: entry.startsAt,
      end: entry.endsAt,
      summary: entry.title,
      description: describe(entry),
      location: entry.place ?? entry.link ?? undefined,
      url: `${base}${entry.path}`,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/**
 * A member's private link to the group's feed: one per member and group, so a new one replaces
 * (revokes) the earlier. Only its hash is kept, so it is shown once.
 */
export async function newCalendarLink(caller: Caller, group: Group): Promise<Result<{ token: string }>> {
  const user = caller.user;
  if (!user || !readsBoard(user, group.id, await membershipOf(group.id, user.id))) return fail.forbidden();
  const { token, hash } = newToken();
  await db().calendarToken.upsert({
    where: { groupId_userId: { groupId: group.id, userId: user.id } },
    create: { groupId: group.id, userId: user.id, tokenHash: hash },
    update: { tokenHash: hash, createdAt: new Date() },
  });
  return ok({ token });
}

/** Stops the member's private link to the group's feed (there may be none: nothing to do then). */
export async function revokeCalendarLink(caller: Caller, group: Group): Promise<Result> {
  if (!caller.user) return fail.forbidden();
  await db().calendarToken.deleteMany({ where: { groupId: group.id, userId: caller.user.id } });
  return ok();
}

/** When the member made the link that works now, if they have one. */
export async function calendarLinkSince(groupId: string, userId: string) {
  const row = await db().calendarToken.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/**
 * The group a private feed token opens, or null: unknown, revoked or replaced, or its member no
 * longer reads the group (left, removed, suspended, closed), which ends the link as it ends the board.
 */
export async function groupOfCalendarToken(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db().calendarToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { userId: true, group: { select: { id: true, name: true } } },
  });
  if (!row) return null;
  const [reader, membership] = await Promise.all([userById(row.userId), membershipOf(row.group.id, row.userId)]);
  return reader && readsBoard(reader, row.group.id, membership) ? { group: row.group, locale: reader.locale } : null;
}
