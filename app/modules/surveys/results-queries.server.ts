import { LRUCache } from 'lru-cache';
import { parseWithSchema } from '~/lib/schema-parse';
import { Prisma } from '~/generated/sqlite/client';
import { db } from '~/lib/db.server';
import { keysetArgs, keysetPage } from '~/lib/keyset';
import { localized, supportedLanguages, type LocalizedText } from '~/lib/i18n';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { MIN_GROUP } from './policy';
import { TEXT_KINDS } from './questions';
import { NO_SEGMENT, parseRequestSegment, segmentWhere } from './segments';
import { likeEscape } from '~/modules/content/mentions';
import { ANSWERED, RESPONSES } from './tally';
import { countsOf, groupShown, ResultsFilterSchema, surveyResults, type ResultsFilter } from './results';
import type { Survey } from './queries.server';

/**
 * The results' reads. Figures come from SurveyTally rows only (a few hundred per survey, however
 * many answer sets): a filter sums fewer of them. Free-text answers come from SurveyTextAnswer,
 * keyset-paged. Nothing here reads an answer set except the raw CSV export.
 */
export const TEXT_PAGE = 20;
const CSV_BATCH = 500;

/** The filter from a URL's query string (null: a malformed parameter). */
export function resultsFilterFromUrl(url: URL): ResultsFilter | null {
  const parsed = parseWithSchema(url.searchParams, ResultsFilterSchema);
  return parsed.status === 'success' ? parsed.value : null;
}

type Group = Pick<ResultsFilter, 'neighborhood' | 'language' | 'department' | 'type'>;
const groupWhere = (surveyId: string, g: Group) => {
  const segment = segmentWhere(g);
  return {
    surveyId,
    ...(g.neighborhood !== undefined ? { neighborhoodId: g.neighborhood === 'none' ? '' : g.neighborhood } : {}),
    ...(g.language ? { language: g.language } : {}),
    ...(segment ? { segment } : {}),
  };
};

/** The summed tallies of the answer sets a filter selects, and how many answer sets that is. */
export async function tallies(surveyId: string, group: Group) {
  const rows = await db().surveyTally.groupBy({
    by: ['questionKey', 'bucket'],
    where: groupWhere(surveyId, group),
    _sum: { count: true },
  });
  const counts = countsOf(rows.map((r) => ({ questionKey: r.questionKey, bucket: r.bucket, count: r._sum.count ?? 0 })));
  return { counts, size: counts.get(RESPONSES.questionKey)?.get(RESPONSES.bucket) ?? 0 };
}

/**
 * The filter's choices with the size of each group: a neighborhood or language whose group is
 * too small to show (anonymous surveys) is offered disabled.
 */
export async function filterOptions(survey: Pick<Survey, 'id' | 'anonymous'>, lng: string) {
  const where = { surveyId: survey.id, questionKey: RESPONSES.questionKey, bucket: RESPONSES.bucket };
  const [byPlace, byLanguage, bySegment, places] = await Promise.all([
    db().surveyTally.groupBy({ by: ['neighborhoodId'], where, _sum: { count: true } }),
    db().surveyTally.groupBy({ by: ['language'], where, _sum: { count: true } }),
    db().surveyTally.groupBy({ by: ['segment'], where: { ...where, segment: { not: NO_SEGMENT } }, _sum: { count: true } }),
    neighborhoodOptions(),
  ]);
  const size = <R extends { _sum: { count: number | null } }>(rows: R[], pick: (r: R) => boolean) =>
    rows.filter(pick).reduce((sum, r) => sum + (r._sum.count ?? 0), 0);
  const option = (value: string, label: string, n: number) => ({ value, label, size: n, disabled: !groupShown(survey.anonymous, n) });
  const segments = bySegment.flatMap((r) => {
    const parsed = parseRequestSegment(r.segment);
    return parsed ? [{ ...parsed, _sum: r._sum }] : [];
  });
  const { departments, types } = await segmentNames(segments, lng);
  const named = (names: Map<string, string>, pick: (id: string) => (r: (typeof segments)[number]) => boolean) =>
    [...names].map(([id, name]) => option(id, name, size(segments, pick(id)))).sort((a, b) => a.label.localeCompare(b.label, lng));
  return {
    neighborhoods: [
      ...places.map((p) =>
        option(
          p.id,
          localized(p.name, lng).text,
          size(byPlace, (r) => r.neighborhoodId === p.id),
        ),
      ),
      option(
        'none',
        '',
        size(byPlace, (r) => r.neighborhoodId === ''),
      ),
    ].filter((o) => o.size > 0),
    languages: supportedLanguages
      .map((code) =>
        option(
          code,
          code,
          size(byLanguage, (r) => r.language === code),
        ),
      )
      .filter((o) => o.size > 0),
    departments: named(departments, (id) => (r) => r.departmentId === id),
    types: named(types, (id) => (r) => r.typeId === id),
  };
}

/** The names, in the reader's language, of the departments and request types segments name. */
async function segmentNames(segments: readonly { departmentId: string; typeId: string }[], lng: string) {
  if (!segments.length) return { departments: new Map<string, string>(), types: new Map<string, string>() };
  const [departments, types] = await Promise.all([
    db().department.findMany({
      where: { id: { in: [...new Set(segments.map((s) => s.departmentId))] } },
      select: { id: true, name: true },
    }),
    db().requestType.findMany({ where: { id: { in: [...new Set(segments.map((s) => s.typeId))] } }, select: { id: true, name: true } }),
  ]);
  const names = (rows: { id: string; name: unknown }[]) => new Map(rows.map((r) => [r.id, localized(r.name, lng).text]));
  return { departments: names(departments), types: names(types) };
}

/**
 * What the results page shows for a filter: the per-question results, or `hidden` when the
 * selected group of an anonymous survey is smaller than MIN_GROUP.
 */
export async function resultsFor(survey: Survey, group: Group) {
  const { counts, size } = await tallies(survey.id, group);
  const hidden = !groupShown(survey.anonymous, size);
  return { size, hidden, minGroup: MIN_GROUP, questions: hidden ? [] : surveyResults(survey.questions, counts) };
}

/**
 * One page of a free-text question's answers in a group, those containing `q` in any case (the
 * same condition on both engines: lower() LIKE, with LIKE's own characters escaped).
 */
export async function textAnswerPage(surveyId: string, questionKey: string, filter: ResultsFilter, size = TEXT_PAGE) {
  const where = groupWhere(surveyId, filter);
  const conditions = [Prisma.sql`"surveyId" = ${surveyId}`, Prisma.sql`"questionKey" = ${questionKey}`];
  if (where.neighborhoodId !== undefined) conditions.push(Prisma.sql`"neighborhoodId" = ${where.neighborhoodId}`);
  if (where.language) conditions.push(Prisma.sql`"language" = ${where.language}`);
  if (filter.department) conditions.push(Prisma.sql`"segment" LIKE ${`${likeEscape(filter.department)}/%`} ESCAPE '\\'`);
  if (filter.type) conditions.push(Prisma.sql`"segment" LIKE ${`%/${likeEscape(filter.type)}`} ESCAPE '\\'`);
  if (filter.q) conditions.push(Prisma.sql`lower("text") LIKE ${`%${likeEscape(filter.q.toLowerCase())}%`} ESCAPE '\\'`);
  if (filter.after) conditions.push(Prisma.sql`"id" > ${filter.after}`);
  const rows = await db().$queryRaw<{ id: string; text: string; language: string }[]>`
    SELECT "id", "text", "language" FROM "SurveyTextAnswer"
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY "id" LIMIT ${size + 1}`;
  return keysetPage(rows, size);
}

type Breakdown = { id: string; name: string; answered: number; counts: number[] };

/**
 * Answers about requests (the follow-up) per department, and per type within it: how many
 * answered the first single-choice question and how many chose each option. From the tallies,
 * with the neighborhood and language filter; `names` are the departments' and types' names (by
 * id). Null for a survey without such a question or segments.
 */
export async function segmentBreakdown(
  survey: Survey,
  group: Pick<Group, 'neighborhood' | 'language'>,
  lng: string,
  names: { departments: ReadonlyMap<string, string>; types: ReadonlyMap<string, string> },
) {
  const question = survey.questions.find((q) => q.kind === 'singleChoice');
  if (!question) return null;
  const rows = await db().surveyTally.groupBy({
    by: ['segment', 'bucket'],
    where: { ...groupWhere(survey.id, group), questionKey: question.key, segment: { not: NO_SEGMENT } },
    _sum: { count: true },
  });
  if (!rows.length) return null;
  const options = (question.options ?? []).map((o) => ({ value: o.value, label: label(o.label, lng) }));
  const bySegment = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const buckets = bySegment.get(r.segment) ?? new Map<string, number>();
    buckets.set(r.bucket, (buckets.get(r.bucket) ?? 0) + (r._sum.count ?? 0));
    bySegment.set(r.segment, buckets);
  }
  const segments = [...bySegment].flatMap(([segment, buckets]) => {
    const parsed = parseRequestSegment(segment);
    return parsed ? [{ ...parsed, buckets }] : [];
  });
  const add = (into: Breakdown, buckets: Map<string, number>) => {
    into.answered += buckets.get(ANSWERED) ?? 0;
    options.forEach((o, i) => (into.counts[i] += buckets.get(o.value) ?? 0));
  };
  const empty = (id: string, name: string | undefined): Breakdown => ({ id, name: name ?? id, answered: 0, counts: options.map(() => 0) });
  const departments = new Map<string, Breakdown & { types: Map<string, Breakdown> }>();
  for (const { departmentId, typeId, buckets } of segments) {
    let department = departments.get(departmentId);
    if (!department)
      departments.set(departmentId, (department = { ...empty(departmentId, names.departments.get(departmentId)), types: new Map() }));
    let type = department.types.get(typeId);
    if (!type) department.types.set(typeId, (type = empty(typeId, names.types.get(typeId))));
    add(department, buckets);
    add(type, buckets);
  }
  const byName = (a: Breakdown, b: Breakdown) => a.name.localeCompare(b.name, lng);
  return {
    question: { key: question.key, label: label(question.label, lng) },
    options,
    departments: [...departments.values()].sort(byName).map(({ types, ...d }) => ({ ...d, types: [...types.values()].sort(byName) })),
  };
}

/** The neighborhoods' names in the reader's language, by id (for the CSV export). */
export async function neighborhoodNames(lng: string): Promise<Map<string, string>> {
  return new Map((await neighborhoodOptions()).map((n) => [n.id, localized(n.name as LocalizedText, lng).text]));
}

/**
 * Every answer set of a survey, read in keyset batches by id (memory stays flat). Ids are random,
 * so this order says nothing about who answered when. Only what the export may show is selected:
 * never the respondent, never the time.
 */
export async function* exportResponses(surveyId: string) {
  let after: string | null = null;
  do {
    const rows: { id: string; submittedOn: string; language: string; neighborhoodId: string | null; answers: unknown }[] =
      await db().surveyResponse.findMany({
        where: { surveyId },
        select: { id: true, submittedOn: true, language: true, neighborhoodId: true, answers: true },
        orderBy: { id: 'asc' },
        ...keysetArgs(CSV_BATCH, after),
      });
    const next = keysetPage(rows, CSV_BATCH);
    yield* next.page;
    after = next.nextAfter;
  } while (after);
}

/** How many written answers of each text question the results page lists (the rest: its own page). */
const TEXT_PREVIEW = 5;
const label = (text: unknown, lng: string) => {
  const l = localized(text, lng);
  return { text: l.text, lang: l.lang };
};

/**
 * Results pages' data by what they show. A survey's figures and written answers change only with
 * its count, written in the same transaction (countResponses); its texts with its updatedAt:
 * a page's data is kept per survey state (updatedAt, count, published), filter, language and
 * reader, and read again once anything is answered or changed. The names of places, departments
 * and types it shows may lag an edit by the ttl. Shared between requests: never changed after it
 * is made.
 */
const keptPages = new LRUCache<string, ResultsPageData>({ max: 200, ttl: 60_000 });

/**
 * The results page's data in the reader's language: each question with its label and its
 * options' labels beside the figures; staff also get the first written answers of text questions.
 */
export async function resultsPage(survey: Survey, filter: ResultsFilter, lng: string, staff: boolean): Promise<ResultsPageData> {
  const key = JSON.stringify([survey.id, survey.updatedAt, survey.responseCount, survey.resultsPublic, filter, lng, staff]);
  const kept = keptPages.get(key);
  if (kept) return kept;
  const data = await readResultsPage(survey, filter, lng, staff);
  keptPages.set(key, data);
  return data;
}

async function readResultsPage(survey: Survey, filter: ResultsFilter, lng: string, staff: boolean) {
  // Unfiltered (nothing but the survey in the group's condition), the page's own figures are the
  // survey's: no second read of the same tallies.
  const whole = Object.keys(groupWhere(survey.id, filter)).length === 1;
  const [results, options, all] = await Promise.all([
    resultsFor(survey, filter),
    filterOptions(survey, lng),
    whole ? null : tallies(survey.id, {}).then((t) => t.size),
  ]);
  // The breakdown ignores the department and type filter (its rows lead to them) and names its
  // rows with the filter's choices: every segment with answers is one of them.
  const names = (choices: { value: string; label: string }[]) => new Map(choices.map((o) => [o.value, o.label]));
  const breakdown = survey.key
    ? await segmentBreakdown(survey, { neighborhood: filter.neighborhood, language: filter.language }, lng, {
        departments: names(options.departments),
        types: names(options.types),
      })
    : null;
  const byKey = new Map(survey.questions.map((q) => [q.key, q]));
  const questions = await Promise.all(
    results.questions.map(async (r) => {
      const q = byKey.get(r.key)!;
      const choices = new Map([...(q.options ?? []), ...(q.rows ?? [])].map((o) => [o.value, label(o.label, lng)]));
      const named = <T extends { value: string }>(items: T[]) => items.map((i) => ({ ...i, label: choices.get(i.value) ?? null }));
      const texts =
        staff && TEXT_KINDS.includes(q.kind)
          ? await textAnswerPage(survey.id, q.key, { ...filter, q: undefined, after: undefined }, TEXT_PREVIEW)
          : null;
      return {
        ...r,
        label: label(q.label, lng),
        bars: named(r.bars),
        rows: named(r.rows),
        ranking: named(r.ranking),
        texts: texts && { answers: texts.page, more: texts.nextAfter !== null },
      };
    }),
  );
  return {
    survey: {
      id: survey.id,
      title: label(survey.title, lng),
      anonymous: survey.anonymous,
      resultsPublic: survey.resultsPublic,
      builtIn: !!survey.key,
    },
    total: all ?? results.size,
    size: results.size,
    hidden: results.hidden,
    minGroup: results.minGroup,
    questions,
    options,
    breakdown,
  };
}
export type ResultsPageData = Awaited<ReturnType<typeof readResultsPage>>;

/** The per-question page of a free-text question: a page of its written answers matching the search. */
export async function textAnswersPage(survey: Survey, questionKey: string, filter: ResultsFilter, lng: string) {
  const question = survey.questions.find((q) => q.key === questionKey && TEXT_KINDS.includes(q.kind));
  if (!question) return null;
  const [{ size }, options] = await Promise.all([tallies(survey.id, filter), filterOptions(survey, lng)]);
  const hidden = !groupShown(survey.anonymous, size);
  const page = hidden ? { page: [], nextAfter: null } : await textAnswerPage(survey.id, questionKey, filter);
  return {
    survey: { id: survey.id, title: label(survey.title, lng), anonymous: survey.anonymous },
    question: { key: question.key, label: label(question.label, lng) },
    hidden,
    minGroup: MIN_GROUP,
    options,
    answers: page.page,
    nextAfter: page.nextAfter,
  };
}
