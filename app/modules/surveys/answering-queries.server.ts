import { createHash } from 'node:crypto';
import { db } from '~/lib/db.server';
import type { SessionUser } from '~/modules/identity/session.server';
import type { Answers } from './answers';
import { canAnswer } from './policy';
import { SURVEY_ACCESS } from './queries.server';
import type { Question } from './questions';
import { unseal } from './seal.server';

/** Reads of the answering pages: the open surveys a person may answer, drafts, who has answered. */

/**
 * A fingerprint of the questions and sections a form was built from, carried in the page forms: an
 * answer to a survey whose questions changed meanwhile is refused (updatedAt moves with every
 * edit, of the title as much as of the questions, so it cannot tell).
 */
export function questionStamp(survey: { questions: readonly Question[]; sections: unknown }): string {
  // Parsed question sets are shared between requests (queries.server.ts), so is their stamp.
  const sections = JSON.stringify(survey.sections);
  let bySections = stamps.get(survey.questions);
  if (!bySections) stamps.set(survey.questions, (bySections = new Map()));
  let stamp = bySections.get(sections);
  if (!stamp) {
    stamp = createHash('sha256')
      .update(JSON.stringify([survey.questions, survey.sections]))
      .digest('base64url')
      .slice(0, 22);
    bySections.set(sections, stamp);
  }
  return stamp;
}
const stamps = new WeakMap<readonly Question[], Map<string, string>>();

/** The published surveys open now that this person may answer, closing soonest first, with "answered" marks. */
export async function openSurveysFor(user: SessionUser | null, answeredHere: readonly string[]) {
  const now = new Date();
  const rows = await db().survey.findMany({
    where: { key: null, status: 'published', OR: [{ opensAt: null }, { opensAt: { lte: now } }] },
    select: { id: true, title: true, anonymous: true, ...SURVEY_ACCESS },
    orderBy: [{ closesAt: 'asc' }, { createdAt: 'desc' }],
    take: 200,
  });
  const channelIds = rows.filter((r) => r.audience === 'channel' && r.audienceChannelId).map((r) => r.audienceChannelId!);
  const [memberships, participations] = user
    ? await Promise.all([
        db().channelMember.findMany({ where: { userId: user.id, channelId: { in: channelIds } }, select: { channelId: true } }),
        db().surveyParticipation.findMany({
          where: { userId: user.id, surveyId: { in: rows.map((r) => r.id) } },
          select: { surveyId: true },
        }),
      ])
    : [[], []];
  const member = new Set(memberships.map((m) => m.channelId));
  const answered = new Set([...participations.map((p) => p.surveyId), ...answeredHere]);
  return rows
    .filter((r) => canAnswer(user, r, !!r.audienceChannelId && member.has(r.audienceChannelId), now))
    .map((r) => ({ id: r.id, title: r.title, anonymous: r.anonymous, closesAt: r.closesAt, answered: answered.has(r.id) }));
}

export async function hasAnswered(surveyId: string, userId: string): Promise<boolean> {
  return !!(await db().surveyParticipation.findUnique({ where: { surveyId_userId: { surveyId, userId } }, select: { id: true } }));
}

/** A signed-in respondent's draft: the section they were on and their answers so far (none if unreadable). */
export async function getDraft(surveyId: string, userId: string): Promise<{ section: number; answers: Answers } | null> {
  const row = await db().surveyDraft.findUnique({
    where: { surveyId_userId: { surveyId, userId } },
    select: { section: true, sealed: true },
  });
  const answers = row && unseal<Answers>(row.sealed);
  return row && answers ? { section: row.section, answers } : null;
}

/**
 * A person's surveys for their data export: which surveys they took part in and on which day; their
 * answers only for surveys that are not anonymous (an anonymous answer set is not theirs to find:
 * nothing links it to them); and their unfinished drafts.
 */
export async function surveysOfPerson(userId: string) {
  const [participations, responses, drafts] = await Promise.all([
    db().surveyParticipation.findMany({
      where: { userId },
      select: { submittedOn: true, survey: { select: { id: true, title: true, anonymous: true } } },
      orderBy: { submittedOn: 'asc' },
    }),
    db().surveyResponse.findMany({
      where: { userId, survey: { anonymous: false } },
      select: { surveyId: true, answers: true, language: true, submittedAt: true },
    }),
    db().surveyDraft.findMany({ where: { userId }, select: { surveyId: true, section: true, sealed: true, updatedAt: true } }),
  ]);
  const answers = new Map(responses.map((r) => [r.surveyId, r]));
  return {
    surveysAnswered: participations.map((p) => {
      const response = p.survey.anonymous ? undefined : answers.get(p.survey.id);
      return {
        surveyId: p.survey.id,
        title: p.survey.title,
        day: p.submittedOn,
        anonymous: p.survey.anonymous,
        answers: response?.answers ?? null,
        language: response?.language ?? null,
        submittedAt: response?.submittedAt ?? null,
      };
    }),
    surveyDrafts: drafts.map((d) => ({ surveyId: d.surveyId, section: d.section, answers: unseal(d.sealed), updatedAt: d.updatedAt })),
  };
}
