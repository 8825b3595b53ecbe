import type { Caller } from '~/lib/caller.server';
import { isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import { supportedLanguages } from '~/lib/i18n';
import { fixedT } from '~/lib/i18n.server';
import { fail, ok, type Failure, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { writeThread } from '~/modules/channels/channels.server';
import { asChannel, channelSelect } from '~/modules/channels/queries.server';
import { fromPlainText, toPlainText } from '~/modules/content/plaintext';
import type { SessionUser } from '~/modules/identity/session.server';
import type { CsvFile } from '~/modules/requests/legacy-import/csv.server';
import { managesBudgets } from '../policy';
import { cityCurrency } from './queries.server';
import { checkFactFile, type FactLine, type FactProblem } from './rows';

/**
 * Importing the city's published budget (budget facts) from a checked CSV file: every line of
 * the file's fiscal years replaces what those years had, in one audited transaction, and each
 * department and category seen for the first time gets its discussion thread in the city budget
 * channel (BudgetTopic), opened by the importing staff member. A file with a problem stores nothing.
 */
export const BUDGET_CHANNEL = 'city-budget';
export const TOPIC_KINDS = ['department', 'category'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export type ImportSummary = {
  lines: number;
  years: { fiscalYear: number; lines: number; total: string; replaced: number }[];
  newTopics: number;
  currency: string;
};
/** A file refused for its content: the problems by line. */
export type Rejected = { ok: false; code: 'invalid'; problems: FactProblem[] };

/** The city budget channel (public, kind budget), made with the first import. */
async function budgetChannel(tx: Tx) {
  const texts = await Promise.all(supportedLanguages.map(async (lng) => [lng, await fixedT(lng, 'budget-facts')] as const));
  const name = Object.fromEntries(texts.map(([lng, t]) => [lng, t('channel.name')]));
  const description = Object.fromEntries(texts.map(([lng, t]) => [lng, t('channel.description')]));
  const row = await tx.channel.upsert({
    where: { slug: BUDGET_CHANNEL },
    create: { slug: BUDGET_CHANNEL, kind: 'budget', name, description, visibility: 'public' },
    update: {},
    select: channelSelect,
  });
  return asChannel(row);
}

/** A thread for each department and category the budget has not discussed yet. */
async function openTopics(tx: Tx, user: SessionUser, lines: FactLine[]): Promise<number> {
  const wanted = TOPIC_KINDS.flatMap((kind) => [...new Set(lines.map((l) => l[kind]))].map((name) => ({ kind, name })));
  const known = await tx.budgetTopic.findMany({
    where: { OR: TOPIC_KINDS.map((kind) => ({ kind, name: { in: wanted.filter((w) => w.kind === kind).map((w) => w.name) } })) },
    select: { kind: true, name: true },
  });
  const has = new Set(known.map((k) => `${k.kind}|${k.name}`));
  const fresh = wanted.filter((w) => !has.has(`${w.kind}|${w.name}`));
  if (!fresh.length) return 0;
  const channel = await budgetChannel(tx);
  // Written in the importer's language: the thread is theirs, as if they had opened it.
  const t = await fixedT(user.locale, 'budget-facts');
  for (const topic of fresh) {
    const doc = fromPlainText(t(`topic.body.${topic.kind}`, { name: topic.name }));
    const { threadId } = await writeThread(tx, user, channel, {
      title: t(`topic.title.${topic.kind}`, { name: topic.name }),
      doc,
      text: toPlainText(doc),
    });
    await tx.budgetTopic.create({ data: { ...topic, threadId } });
  }
  return fresh.length;
}

/** Imports an uploaded CSV file (readCsvUpload) in the city's currency; staff only. */
export async function importBudgetFacts(
  caller: Caller,
  file: { fileName: string; csv: CsvFile },
): Promise<Result<ImportSummary> | Rejected | Failure> {
  const user = caller.user;
  if (!user || !managesBudgets(user)) return fail.forbidden();
  const currency = await cityCurrency();
  const { lines, problems } = checkFactFile(file.csv, currency);
  if (problems.length) return { ok: false, code: 'invalid', problems };
  try {
    return await write(caller, user, file.fileName, lines, currency);
  } catch (error) {
    // Another import opened the same topic (or the channel) at the same moment: nothing was stored.
    if (isUniqueViolation(error)) return fail.conflict('budget-facts:errors.concurrent');
    throw error;
  }
}

function write(caller: Caller, user: SessionUser, fileName: string, lines: FactLine[], currency: string): Promise<Result<ImportSummary>> {
  const years = [...new Set(lines.map((l) => l.fiscalYear))].sort((a, b) => a - b);
  return transaction(async (tx) => {
    const before = await tx.budgetLine.groupBy({ by: ['fiscalYear'], where: { fiscalYear: { in: years } }, _count: { _all: true } });
    await tx.budgetLine.deleteMany({ where: { fiscalYear: { in: years } } });
    await tx.budgetLine.createMany({
      data: lines.map(({ fiscalYear, fund, department, category, amount }) => ({ fiscalYear, fund, department, category, amount })),
    });
    const newTopics = await openTopics(tx, user, lines);
    const summary: ImportSummary = {
      lines: lines.length,
      years: years.map((fiscalYear) => {
        const of = lines.filter((l) => l.fiscalYear === fiscalYear);
        return {
          fiscalYear,
          lines: of.length,
          total: of.reduce((sum, l) => sum + l.amount, 0n).toString(),
          replaced: before.find((b) => b.fiscalYear === fiscalYear)?._count._all ?? 0,
        };
      }),
      newTopics,
      currency,
    };
    await audit(tx, {
      actorId: user.id,
      action: 'budget-facts.import',
      targetKind: 'budget-facts',
      targetId: years.join(','),
      after: { fileName, ...summary },
      requestId: caller.requestId,
    });
    return ok(summary);
  });
}
