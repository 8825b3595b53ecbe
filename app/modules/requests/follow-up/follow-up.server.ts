import { db, isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { fixedT } from '~/lib/i18n.server';
import { dateIn } from '~/lib/time';
import { getCity } from '~/modules/places/queries.server';
import { queueMail } from '~/modules/mail/outbox.server';
import { auditRequest } from '../audit.server';
import { hashToken, newToken } from '~/modules/identity/tokens.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import type { Caller } from '~/lib/caller.server';
import { fail, ok, type Result } from '~/lib/result';
import type { Answers } from '~/modules/surveys/answers';
import { COURTESY_ANSWERS } from '../values';
import { parseFieldSet, type FieldSet } from '~/modules/requests/catalog/schemas';
import { writeAnswerSets } from '~/modules/surveys/answer-sets.server';
import { requestSegment } from '~/modules/surveys/segments';

/**
 * The courtesy follow-up after a request is closed (docs/decisions/0011-service-requests.md): a
 * built-in survey (`Survey.key = request-follow-up`) with two questions, courteous / discourteous /
 * other and comments. Closing a request invites its requester by mail with a single-use link (only
 * the token's hash is kept); the requester may also answer from the tracking page; staff may type
 * in an answer given on the phone. One response per request (a unique index), never tied to a user.
 * The questions are a field set like a request type's, so the intake's validator and form
 * components serve them, and the Surveys area can take over the table later.
 */
export const FOLLOW_UP_KEY = 'request-follow-up';
const INVITATION_DAYS = 60;

/** The questions, labelled from the locale files (every supported language); the demo seed writes the same. */
export async function builtInQuestions(): Promise<{ title: Record<string, string>; questions: FieldSet }> {
  const [en, es] = await Promise.all([fixedT('en', ['requests']), fixedT('es', ['requests'])]);
  const both = (key: string) => ({ en: en(`requests:followUp.${key}`), es: es(`requests:followUp.${key}`) });
  return {
    title: both('title'),
    questions: [
      {
        key: 'courtesy',
        kind: 'singleChoice',
        required: true,
        order: 1,
        label: both('courtesy'),
        options: COURTESY_ANSWERS.map((value) => ({ value, label: both(`courtesyOptions.${value}`) })),
      },
      { key: 'comments', kind: 'longText', required: false, order: 2, label: both('comments'), hint: both('commentsHint') },
    ],
  };
}

/** Per database (tests run several in one process). */
const surveys = new Map<string, Promise<{ id: string; questions: FieldSet }>>();

/**
 * The follow-up survey's row, created on first use (it is built in, not authored) and read once
 * per process: it never changes, and the tracking and request pages ask for it on every load.
 */
export function followUpSurvey(): Promise<{ id: string; questions: FieldSet }> {
  const key = getEnv().DATABASE_URL;
  let survey = surveys.get(key);
  if (!survey) {
    survey = loadFollowUpSurvey().catch((error) => {
      surveys.delete(key);
      throw error;
    });
    surveys.set(key, survey);
  }
  return survey;
}

async function loadFollowUpSurvey(): Promise<{ id: string; questions: FieldSet }> {
  const found = await db().survey.findUnique({ where: { key: FOLLOW_UP_KEY }, select: { id: true, questions: true } });
  if (found) return { id: found.id, questions: parseFieldSet(found.questions) };
  const { title, questions } = await builtInQuestions();
  try {
    const created = await db().survey.create({
      data: { key: FOLLOW_UP_KEY, title, questions: questions as never, anonymous: false, status: 'published' },
      select: { id: true },
    });
    return { id: created.id, questions };
  } catch {
    // Created by a concurrent first use: read it back.
    const row = await db().survey.findUniqueOrThrow({ where: { key: FOLLOW_UP_KEY }, select: { id: true, questions: true } });
    return { id: row.id, questions: parseFieldSet(row.questions) };
  }
}

/**
 * Closing a request invites its requester (the contact address in its language, else the account's
 * address in the account's language), once per request. Called inside the closing transaction (with
 * the survey read before it): the mail is queued with it and sent after commit, or not at all.
 */
export async function inviteToFollowUp(
  tx: Tx,
  survey: { id: string },
  r: { id: string; publicCode: string; contact: { email: string | null; locale: string } | null; requesterId: string | null },
) {
  const [answered, invited] = await Promise.all([
    tx.surveyResponse.findUnique({ where: { surveyId_requestId: { surveyId: survey.id, requestId: r.id } }, select: { id: true } }),
    tx.surveyInvitation.findUnique({ where: { surveyId_requestId: { surveyId: survey.id, requestId: r.id } }, select: { id: true } }),
  ]);
  if (answered || invited) return;
  let to = r.contact?.email ? { email: r.contact.email, locale: r.contact.locale } : null;
  if (!to && r.requesterId) {
    const user = await tx.user.findUnique({ where: { id: r.requesterId }, select: { email: true, locale: true, status: true } });
    if (user?.email && user.status !== 'deleted') to = { email: user.email, locale: user.locale };
  }
  to ??= await reportingAuthor(tx, r.id);
  if (!to) return; // a caller without e-mail: staff can type in what they said on the phone
  const { token, hash } = newToken();
  const now = new Date();
  await tx.surveyInvitation.create({
    data: {
      surveyId: survey.id,
      requestId: r.id,
      tokenHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    },
  });
  const t = await fixedT(to.locale, ['requests']);
  await queueMail(tx, {
    to: to.email,
    kind: 'request-follow-up',
    locale: to.locale,
    subject: t('requests:mail.followUpSubject', { code: r.publicCode }),
    text: t('requests:mail.followUpText', {
      code: r.publicCode,
      link: `${getEnv().PUBLIC_URL}/requests/${r.publicCode}/follow-up?t=${token}`,
      days: INVITATION_DAYS,
    }),
  });
}

/**
 * A request made from a forum post has no requester: the person who reported the problem is the
 * author of the first post linked to it. They are invited if they chose to follow the request
 * (the promotion's notice offers that), which is their consent to hear about it.
 */
async function reportingAuthor(tx: Tx, requestId: string): Promise<{ email: string; locale: string } | null> {
  const link = await tx.requestLink.findFirst({
    where: { requestId, targetKind: { in: ['post', 'thread'] } },
    orderBy: { createdAt: 'asc' },
    select: { targetKind: true, targetId: true },
  });
  if (!link) return null;
  const post = await tx.post.findFirst({
    where: link.targetKind === 'post' ? { id: link.targetId } : { threadId: link.targetId, isOpening: true },
    select: { author: { select: { id: true, email: true, locale: true, status: true } } },
  });
  const author = post?.author;
  if (!author?.email || author.status === 'deleted') return null;
  const follows = await tx.follow.findUnique({
    where: { userId_targetKind_targetId: { userId: author.id, targetKind: 'request', targetId: requestId } },
    select: { level: true },
  });
  return follows?.level === 'follow' ? { email: author.email, locale: author.locale } : null;
}

/** The invitation a link's token opens for this request, if it is still valid (unused, not expired). */
export async function invitationFor(requestId: string, token: string | null | undefined) {
  if (!token || token.length > 100) return null;
  const row = await db().surveyInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, requestId: true, usedAt: true, expiresAt: true },
  });
  if (!row || row.requestId !== requestId) return null;
  return { id: row.id, used: !!row.usedAt, expired: row.expiresAt.getTime() < Date.now() };
}

/** Has this request's follow-up been answered? */
export async function followUpAnswered(requestId: string) {
  const survey = await followUpSurvey();
  return !!(await db().surveyResponse.findUnique({
    where: { surveyId_requestId: { surveyId: survey.id, requestId } },
    select: { id: true },
  }));
}

const answered = () => fail.conflict('requests:followUp.errors.answered');

/**
 * Stores one answer (web: the respondent, never named; `byStaff`: the caller typing in an answer
 * given on the phone, whom the route has checked handles the request). Exactly one per request:
 * the unique index decides between two at once (conflict), and any invitation is spent with it.
 */
export async function saveFollowUp(
  caller: Caller,
  args: { requestId: string; answers: Answers; language: string; byStaff?: boolean },
): Promise<Result> {
  const recordedBy = args.byStaff ? caller.user : null;
  if (args.byStaff && !recordedBy) return fail.forbidden();
  const survey = await followUpSurvey();
  try {
    return await transaction(async (tx) => {
      const existing = await tx.surveyResponse.findUnique({
        where: { surveyId_requestId: { surveyId: survey.id, requestId: args.requestId } },
        select: { id: true },
      });
      if (existing) return answered();
      const request = await tx.serviceRequest.findUnique({
        where: { id: args.requestId },
        select: { departmentId: true, typeId: true, neighborhoodId: true },
      });
      if (!request) return fail.notFound();
      // Written as every survey's answers are (tallies, text answers, count, live results). No
      // user id is stored: the answer is linked to its request only. `recordedById` names the
      // staff member who typed it in, never the respondent. Its neighborhood is the request's.
      const now = new Date();
      const [responseId] = await writeAnswerSets(tx, survey.id, survey.questions, [
        {
          answers: args.answers,
          language: args.language,
          neighborhoodId: request.neighborhoodId,
          day: dateIn(now, (await getCity()).timeZone),
          segment: requestSegment(request),
          submittedAt: now,
          requestId: args.requestId,
          channel: recordedBy ? 'staff' : 'web',
          recordedById: recordedBy?.id ?? null,
        },
      ]);
      await tx.surveyInvitation.updateMany({
        where: { surveyId: survey.id, requestId: args.requestId, usedAt: null },
        data: { usedAt: new Date() },
      });
      if (recordedBy) {
        await auditRequest(tx, caller, 'request.follow-up', args.requestId, { after: { responseId } });
      }
      await publishAfterCommit(tx, [
        { room: `request:${args.requestId}`, type: 'request.updated', payload: { requestId: args.requestId } },
      ]);
      return ok();
    });
  } catch (error) {
    if (isUniqueViolation(error)) return answered();
    throw error;
  }
}

/** What staff see on the request page: the questions and the answer, if any (staff only). */
export async function followUpForStaff(requestId: string) {
  const survey = await followUpSurvey();
  const response = await db().surveyResponse.findUnique({
    where: { surveyId_requestId: { surveyId: survey.id, requestId } },
    select: {
      answers: true,
      channel: true,
      language: true,
      submittedAt: true,
      submittedOn: true,
      recordedBy: { select: { displayName: true } },
    },
  });
  return {
    questions: survey.questions,
    response: response && {
      answers: response.answers as Answers,
      channel: response.channel,
      language: response.language,
      // Follow-up answers keep their instant (the day alone is for anonymous surveys).
      submittedAt: response.submittedAt ?? new Date(`${response.submittedOn}T12:00:00Z`),
      recordedBy: response.recordedBy?.displayName ?? null,
    },
  };
}

/**
 * Staff typing in the answer a caller gave on the phone (the route has checked they may review
 * follow-ups and handle the request): only once the request is closed, once per request, marked
 * as recorded by staff. `answers` are validated against the questions (followUpAnswersSchema).
 */
export async function recordPhoneFollowUp(
  caller: Caller,
  request: { id: string; status: string },
  answers: Answers,
  language: string,
): Promise<Result> {
  if (!caller.user) return fail.forbidden();
  if (request.status !== 'closed') return fail.invalid({}, 'requests:followUp.errors.notClosed');
  const survey = await followUpSurvey();
  // A requester invited by mail answers for themselves while their link is valid.
  const invitation = await db().surveyInvitation.findUnique({
    where: { surveyId_requestId: { surveyId: survey.id, requestId: request.id } },
    select: { usedAt: true, expiresAt: true },
  });
  if (invitation && !invitation.usedAt && invitation.expiresAt.getTime() > Date.now())
    return fail.invalid({}, 'requests:followUp.errors.invited');
  const saved = await saveFollowUp(caller, { requestId: request.id, answers, language, byStaff: true });
  // On the request page the repeat is a refusal of the form (400), as before.
  return saved.ok || saved.code !== 'conflict' ? saved : fail.invalid({}, saved.message);
}
