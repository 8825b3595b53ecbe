import type { Caller } from '~/lib/caller.server';
import { transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { supportedLanguages, type LocalizedText } from '~/lib/i18n';
import { fixedT } from '~/lib/i18n.server';
import { fail, ok, type Result } from '~/lib/result';
import { localDateTimeIn } from '~/lib/time';
import { audit } from '~/modules/audit/audit.server';
import { authorize, refused } from '~/modules/identity/policy';
import type { QuestionFormInput, QuestionsPageAction, SurveySettingsInput } from './building-schemas';
import { MAX_SECTIONS, QuestionSetSchema, byPosition, parseQuestions, type Question } from './questions';

/**
 * Staff build surveys (`manage:survey`). Every write is one transaction with its audit row
 * (before/after). Writes that change a survey carry the `updatedAt` its form was loaded with: a
 * survey changed meanwhile is refused (`conflict`), never overwritten. Once anyone has answered
 * (a response, a pending anonymous answer set or a participation row), its questions, sections
 * and anonymity are fixed: answers must always fit the questions they answered.
 */
const manager = (caller: Caller) => authorize(caller, 'manage:survey');
type Section = { title?: LocalizedText };

const STALE = 'surveys:builder.errors.stale';
const LOCKED = 'surveys:builder.errors.locked';
const ANONYMITY_FIXED = 'surveys:builder.errors.anonymityFixed';

/** Has anyone answered this survey (or begun to be counted)? */
export async function hasAnswers(tx: Pick<Tx, 'surveyResponse' | 'surveyPendingResponse' | 'surveyParticipation'>, surveyId: string) {
  const [responses, pending, participations] = await Promise.all([
    tx.surveyResponse.count({ where: { surveyId } }),
    tx.surveyPendingResponse.count({ where: { surveyId } }),
    tx.surveyParticipation.count({ where: { surveyId } }),
  ]);
  return responses + pending + participations > 0;
}

/** The authored survey (never a built-in one), as stored. */
async function authored(tx: Tx, id: string) {
  const row = await tx.survey.findUnique({ where: { id } });
  return row && !row.key ? row : null;
}
type Row = NonNullable<Awaited<ReturnType<typeof authored>>>;

/** The write, if the survey is still as the form saw it; the second of two concurrent saves finds nothing to update. */
async function updateIfUnchanged(tx: Tx, before: Row, data: Record<string, unknown>) {
  const moved = await tx.survey.updateMany({ where: { id: before.id, updatedAt: before.updatedAt }, data: data as never });
  if (moved.count !== 1) return null;
  return tx.survey.findUniqueOrThrow({ where: { id: before.id } });
}

const stale = (before: Row, seen: string) => before.updatedAt.toISOString() !== seen;

async function cityTimeZone(tx: Tx) {
  return (await tx.city.findUnique({ where: { id: 1 }, select: { timeZone: true } }))?.timeZone ?? 'UTC';
}

export async function createSurvey(caller: Caller, input: { title: LocalizedText }): Promise<Result<{ id: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const created = await tx.survey.create({
      data: { title: input.title, questions: [], sections: [{}], status: 'draft', createdById: actor.id },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'survey.create',
      targetKind: 'survey',
      targetId: created.id,
      after: created,
      requestId: caller.requestId,
    });
    return ok({ id: created.id });
  });
}

export async function saveSurveySettings(caller: Caller, id: string, input: SurveySettingsInput): Promise<Result<{ id: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const before = await authored(tx, id);
    if (!before) return fail.notFound();
    if (stale(before, input.updatedAt)) return fail.conflict(STALE);
    if (input.anonymous !== before.anonymous && (await hasAnswers(tx, id)))
      return fail.conflict(ANONYMITY_FIXED, { fieldErrors: { anonymous: [ANONYMITY_FIXED] } });
    const zone = await cityTimeZone(tx);
    const opensAt = input.opensAt ? localDateTimeIn(input.opensAt, zone) : null;
    const closesAt = input.closesAt ? localDateTimeIn(input.closesAt, zone) : null;
    if (input.opensAt && !opensAt) return fail.invalid({ opensAt: msg('surveys:builder.errors.dateTime') });
    if (input.closesAt && !closesAt) return fail.invalid({ closesAt: msg('surveys:builder.errors.dateTime') });
    const neighborhoods = input.audience === 'neighborhoods' ? [...new Set(input.audienceNeighborhoods)] : [];
    if (neighborhoods.length) {
      const found = await tx.neighborhood.count({ where: { id: { in: neighborhoods } } });
      if (found !== neighborhoods.length) return fail.invalid({ audienceNeighborhoods: msg('forms:choose') });
    }
    const channelId = input.audience === 'channel' ? (input.audienceChannelId ?? null) : null;
    if (channelId) {
      const channel = await tx.channel.findUnique({ where: { id: channelId }, select: { visibility: true } });
      if (channel?.visibility !== 'members') return fail.invalid({ audienceChannelId: msg('forms:choose') });
    }
    const after = await updateIfUnchanged(tx, before, {
      title: input.title,
      intro: input.intro,
      thanks: input.thanks,
      audience: input.audience,
      audienceNeighborhoods: neighborhoods,
      audienceChannelId: channelId,
      opensAt,
      closesAt,
      anonymous: input.anonymous,
    });
    if (!after) return fail.conflict(STALE);
    await audit(tx, {
      actorId: actor.id,
      action: 'survey.update',
      targetKind: 'survey',
      targetId: id,
      before,
      after,
      requestId: caller.requestId,
    });
    return ok({ id });
  });
}

export type StatusChange = 'publish' | 'unpublish' | 'archive';

/**
 * Publish a draft (it needs a question, and a close time after its opening still to come);
 * unpublish it back to a draft while no one has answered; archive it (it stops taking answers).
 */
export async function changeSurveyStatus(caller: Caller, id: string, change: StatusChange): Promise<Result<{ id: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const before = await authored(tx, id);
    if (!before) return fail.notFound();
    const now = new Date();
    let status: string;
    if (change === 'publish') {
      if (before.status !== 'draft') return fail.conflict('surveys:builder.errors.notDraft');
      if (parseQuestions(before.questions).length === 0) return fail.invalid({ '': msg('surveys:builder.errors.noQuestions') });
      if (before.closesAt && (before.closesAt <= now || (before.opensAt && before.closesAt <= before.opensAt)))
        return fail.invalid({ '': msg('surveys:builder.errors.datesPassed') });
      status = 'published';
    } else if (change === 'unpublish') {
      if (before.status !== 'published') return fail.conflict('surveys:builder.errors.notPublished');
      if (await hasAnswers(tx, id)) return fail.conflict('surveys:builder.errors.unpublishAnswered');
      status = 'draft';
    } else {
      if (before.status === 'archived') return ok({ id });
      status = 'archived';
    }
    const after = await tx.survey.update({ where: { id }, data: { status } });
    await audit(tx, {
      actorId: actor.id,
      action: `survey.${change}`,
      targetKind: 'survey',
      targetId: id,
      before: { status: before.status },
      after: { status: after.status },
      requestId: caller.requestId,
    });
    return ok({ id });
  });
}

/**
 * A copy of a survey as a new draft, with no dates and no answers: a new version of it
 * (`version + 1`, linked back) or an independent duplicate (version 1, its title "Copy of …").
 */
export async function copySurvey(caller: Caller, id: string, as: 'newVersion' | 'duplicate'): Promise<Result<{ id: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  const translators = await Promise.all(supportedLanguages.map(async (lng) => [lng, await fixedT(lng, 'surveys')] as const));
  return transaction(async (tx) => {
    const source = await authored(tx, id);
    if (!source) return fail.notFound();
    const title = source.title as LocalizedText;
    const copyTitle =
      as === 'duplicate'
        ? Object.fromEntries(
            translators.filter(([lng]) => title[lng]).map(([lng, t]) => [lng, t('builder.copyOf', { title: title[lng] }).slice(0, 200)]),
          )
        : title;
    const created = await tx.survey.create({
      data: {
        title: copyTitle,
        intro: source.intro as never,
        thanks: source.thanks as never,
        sections: source.sections as never,
        questions: source.questions as never,
        anonymous: source.anonymous,
        audience: source.audience,
        audienceNeighborhoods: source.audienceNeighborhoods as never,
        audienceChannelId: source.audienceChannelId,
        status: 'draft',
        version: as === 'newVersion' ? source.version + 1 : 1,
        previousVersionId: as === 'newVersion' ? source.id : null,
        createdById: actor.id,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: as === 'newVersion' ? 'survey.new-version' : 'survey.duplicate',
      targetKind: 'survey',
      targetId: created.id,
      before: { copiedFrom: source.id, version: source.version },
      after: created,
      requestId: caller.requestId,
    });
    return ok({ id: created.id });
  });
}

/** The survey's questions and sections after a change, or the error to show (on a field or the form). */
type Structure = { questions: Question[]; sections: Section[] };
type Change = { ok: true; value: Structure } | { ok: false; field: string; message: string };

const formError = (message: string): Change => ({ ok: false, field: '', message });

function sectionCount(s: Structure) {
  return Math.max(1, s.sections.length, ...s.questions.map((q) => q.section));
}
/** Orders renumbered 1..n within each section, in display order. */
function renumber(questions: Question[]): Question[] {
  const next = new Map<number, number>();
  return [...questions].sort(byPosition).map((q) => {
    const order = (next.get(q.section) ?? 0) + 1;
    next.set(q.section, order);
    return { ...q, order };
  });
}

/** Applies one change of the questions page or the question editor. */
function applyChange(
  s: Structure,
  change: QuestionsPageAction | { intent: 'saveQuestion'; key: string | null; question: Omit<Question, 'order'> },
): Change {
  const sections = Array.from({ length: sectionCount(s) }, (_, i) => s.sections[i] ?? {});
  const questions = [...s.questions].sort(byPosition);
  switch (change.intent) {
    case 'addSection': {
      if (sections.length >= MAX_SECTIONS) return formError(msg('surveys:builder.errors.tooManySections', { max: MAX_SECTIONS }));
      sections.push(Object.keys(change.title).length ? { title: change.title } : {});
      return { ok: true, value: { sections, questions } };
    }
    case 'renameSection': {
      if (change.section > sections.length) return formError(msg('surveys:builder.errors.sectionGone'));
      sections[change.section - 1] = Object.keys(change.title).length ? { title: change.title } : {};
      return { ok: true, value: { sections, questions } };
    }
    case 'removeSection': {
      if (change.section > sections.length || sections.length === 1) return formError(msg('surveys:builder.errors.sectionGone'));
      if (questions.some((q) => q.section === change.section)) return formError(msg('surveys:builder.errors.sectionNotEmpty'));
      sections.splice(change.section - 1, 1);
      const moved = questions.map((q) => (q.section > change.section ? { ...q, section: q.section - 1 } : q));
      return { ok: true, value: { sections, questions: moved } };
    }
    case 'sectionUp':
    case 'sectionDown': {
      const from = change.section;
      const to = change.intent === 'sectionUp' ? from - 1 : from + 1;
      if (from > sections.length) return formError(msg('surveys:builder.errors.sectionGone'));
      if (to < 1 || to > sections.length) return { ok: true, value: { sections, questions } };
      [sections[from - 1], sections[to - 1]] = [sections[to - 1], sections[from - 1]];
      const swapped = questions.map((q) => (q.section === from ? { ...q, section: to } : q.section === to ? { ...q, section: from } : q));
      return { ok: true, value: { sections, questions: renumber(swapped) } };
    }
    case 'questionUp':
    case 'questionDown': {
      const q = questions.find((x) => x.key === change.key);
      if (!q) return formError(msg('surveys:builder.errors.questionGone'));
      const up = change.intent === 'questionUp';
      const mates = questions.filter((x) => x.section === q.section);
      const neighbour = mates[mates.indexOf(q) + (up ? -1 : 1)];
      const list = questions.map((x) => {
        if (neighbour) return x === q ? { ...x, order: neighbour.order } : x === neighbour ? { ...x, order: q.order } : x;
        // First or last of its section: it moves to the end of the section before, or the start of the next.
        const to = q.section + (up ? -1 : 1);
        return x === q && to >= 1 && to <= sections.length ? { ...x, section: to, order: up ? 10_000 : 0 } : x;
      });
      return { ok: true, value: { sections, questions: renumber(list) } };
    }
    case 'removeQuestion': {
      if (!questions.some((q) => q.key === change.key)) return formError(msg('surveys:builder.errors.questionGone'));
      return { ok: true, value: { sections, questions: questions.filter((q) => q.key !== change.key) } };
    }
    case 'saveQuestion': {
      const { question } = change;
      if (question.section > sections.length) return { ok: false, field: 'section', message: msg('forms:choose') };
      if (change.key === null) {
        if (questions.some((q) => q.key === question.key)) return { ok: false, field: 'key', message: msg('surveys:errors.keyTaken') };
        const last = Math.max(0, ...questions.filter((q) => q.section === question.section).map((q) => q.order));
        return { ok: true, value: { sections, questions: [...questions, { ...question, order: last + 1 }] } };
      }
      const i = questions.findIndex((q) => q.key === change.key);
      if (i < 0) return formError(msg('surveys:builder.errors.questionGone'));
      const old = questions[i];
      // The key is fixed once the question exists; a question moved to another section goes to its end.
      const order = question.section === old.section ? old.order : 10_000;
      const list = [...questions];
      list[i] = { ...question, key: old.key, order };
      return { ok: true, value: { sections, questions: list } };
    }
  }
}

/**
 * Checks the whole set (unique keys, conditions on earlier questions) and returns the first
 * problem, on the edited question's field when it is about that question.
 */
function checkSet(
  questions: Question[],
  edited: string | null,
): { ok: false; field: string; message: string } | { ok: true; questions: Question[] } {
  const ordered = renumber(questions);
  const checked = QuestionSetSchema.safeParse(ordered);
  if (checked.success) return { ok: true, questions: checked.data };
  const issue = checked.error.issues[0];
  const [index, ...rest] = issue.path;
  const about = typeof index === 'number' ? ordered[index]?.key : undefined;
  if (edited && about === edited && rest.length) {
    const field =
      rest[0] === 'condition' && rest.length === 1
        ? 'condition.question'
        : rest.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
    return { ok: false, field, message: issue.message };
  }
  return { ok: false, field: '', message: issue.message };
}

/**
 * Changes a survey's sections or questions (the questions page's buttons and the question
 * editor), refused once anyone has answered and when the survey changed since the form was
 * loaded. The stored set is always a valid QuestionSetSchema set.
 */
export async function changeStructure(
  caller: Caller,
  id: string,
  change: QuestionsPageAction | ({ intent: 'saveQuestion'; key: string | null } & QuestionFormInput),
): Promise<Result<{ id: string; key?: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const before = await authored(tx, id);
    if (!before) return fail.notFound();
    if (stale(before, change.updatedAt)) return fail.conflict(STALE);
    if (await hasAnswers(tx, id)) return fail.conflict(LOCKED);
    const current = { questions: parseQuestions(before.questions), sections: (before.sections ?? []) as Section[] };
    const changed = applyChange(current, change);
    if (!changed.ok) return fail.invalid({ [changed.field]: changed.message });
    const edited = change.intent === 'saveQuestion' ? (change.key ?? change.question.key) : null;
    const checked = checkSet(changed.value.questions, edited);
    if (!checked.ok) return fail.invalid({ [checked.field]: checked.message });
    const after = await updateIfUnchanged(tx, before, { questions: checked.questions, sections: changed.value.sections });
    if (!after) return fail.conflict(STALE);
    await audit(tx, {
      actorId: actor.id,
      action: `survey.${change.intent !== 'saveQuestion' ? kebab(change.intent) : change.key ? 'question-update' : 'question-add'}`,
      targetKind: 'survey',
      targetId: id,
      before: { sections: before.sections, questions: before.questions },
      after: { sections: after.sections, questions: after.questions },
      requestId: caller.requestId,
    });
    return ok({ id, ...(edited ? { key: edited } : {}) });
  });
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
