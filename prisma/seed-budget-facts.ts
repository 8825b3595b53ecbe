import type { Tx } from '~/lib/db.server';
import { supportedLanguages } from '~/lib/i18n';
import { fixedT } from '~/lib/i18n.server';
import { BUDGET_CHANNEL, TOPIC_KINDS } from '~/modules/budgets/facts/import.server';
import { fromPlainText, toPlainText } from '~/modules/content/plaintext';

/**
 * The demo city's published budget (budget facts) for fiscal years 2026 and 2027 (July to June,
 * named by the year they end), in US dollars: a general fund and four special funds across eight
 * departments, as a city of about 60,000 people budgets them. Rows as an import writes them (the
 * city budget channel, a topic thread per department and category opened by the staff member),
 * without audit entries, notices or events.
 */

/** [fund, department, category, FY2026 dollars, FY2027 dollars] */
const LINES: [string, string, string, number, number][] = [
  ['General Fund', 'Police', 'Salaries and Benefits', 18_420_000, 19_150_000],
  ['General Fund', 'Police', 'Services and Supplies', 2_310_000, 2_395_000],
  ['General Fund', 'Police', 'Capital Outlay', 640_000, 410_000],
  ['General Fund', 'Fire', 'Salaries and Benefits', 14_980_000, 15_620_000],
  ['General Fund', 'Fire', 'Services and Supplies', 1_740_000, 1_805_000],
  ['General Fund', 'Fire', 'Capital Outlay', 1_150_000, 1_920_000],
  ['General Fund', 'Public Works', 'Salaries and Benefits', 5_260_000, 5_480_000],
  ['General Fund', 'Public Works', 'Services and Supplies', 2_890_000, 2_960_000],
  ['Gas Tax Fund', 'Public Works', 'Capital Outlay', 3_400_000, 4_150_000],
  ['Capital Improvement Fund', 'Public Works', 'Capital Outlay', 6_800_000, 5_250_000],
  ['Water Enterprise Fund', 'Utilities', 'Salaries and Benefits', 3_120_000, 3_260_000],
  ['Water Enterprise Fund', 'Utilities', 'Services and Supplies', 7_450_000, 7_910_000],
  ['Water Enterprise Fund', 'Utilities', 'Debt Service', 2_200_000, 2_200_000],
  ['Sewer Enterprise Fund', 'Utilities', 'Capital Outlay', 2_750_000, 3_600_000],
  ['General Fund', 'Parks and Recreation', 'Salaries and Benefits', 3_980_000, 4_140_000],
  ['General Fund', 'Parks and Recreation', 'Services and Supplies', 1_620_000, 1_705_000],
  ['Capital Improvement Fund', 'Parks and Recreation', 'Capital Outlay', 1_200_000, 2_350_000],
  ['General Fund', 'Library', 'Salaries and Benefits', 2_140_000, 2_210_000],
  ['General Fund', 'Library', 'Services and Supplies', 585_000, 612_500],
  ['General Fund', 'Community Development', 'Salaries and Benefits', 2_760_000, 2_905_000],
  ['General Fund', 'Community Development', 'Services and Supplies', 910_000, 874_250],
  ['General Fund', 'Sanitation', 'Services and Supplies', 4_320_000, 4_505_000],
  ['General Fund', 'City Administration', 'Salaries and Benefits', 4_050_000, 4_180_000],
  ['General Fund', 'City Administration', 'Services and Supplies', 1_380_000, 1_295_000],
  ['General Fund', 'City Administration', 'Debt Service', 1_640_000, 1_640_000],
];
export const SEEDED_FISCAL_YEARS = [2026, 2027] as const;

export async function seedBudgetFacts(tx: Tx, ctx: { staff: { id: string; locale: string } }) {
  const cents = (dollars: number) => BigInt(dollars) * 100n;
  await tx.budgetLine.createMany({
    data: LINES.flatMap(([fund, department, category, ...amounts]) =>
      SEEDED_FISCAL_YEARS.map((fiscalYear, i) => ({ fiscalYear, fund, department, category, amount: cents(amounts[i]) })),
    ),
  });
  const texts = await Promise.all(supportedLanguages.map(async (lng) => [lng, await fixedT(lng, 'budget-facts')] as const));
  const channel = await tx.channel.create({
    data: {
      slug: BUDGET_CHANNEL,
      kind: 'budget',
      name: Object.fromEntries(texts.map(([lng, t]) => [lng, t('channel.name')])),
      description: Object.fromEntries(texts.map(([lng, t]) => [lng, t('channel.description')])),
      visibility: 'public',
    },
  });
  const t = await fixedT(ctx.staff.locale, 'budget-facts');
  for (const kind of TOPIC_KINDS) {
    for (const name of new Set(LINES.map(([, department, category]) => (kind === 'department' ? department : category)))) {
      const doc = fromPlainText(t(`topic.body.${kind}`, { name }));
      const thread = await tx.thread.create({
        data: { channelId: channel.id, authorId: ctx.staff.id, title: t(`topic.title.${kind}`, { name }) },
      });
      await tx.post.create({
        data: { threadId: thread.id, authorId: ctx.staff.id, isOpening: true, body: doc as never, text: toPlainText(doc) },
      });
      await tx.follow.create({ data: { userId: ctx.staff.id, targetKind: 'thread', targetId: thread.id, level: 'follow' } });
      await tx.budgetTopic.create({ data: { kind, name, threadId: thread.id } });
    }
  }
}
