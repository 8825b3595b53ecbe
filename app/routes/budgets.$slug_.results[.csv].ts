import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDownload } from '~/lib/csv.server';
import { localized } from '~/lib/i18n';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { ensureCounted } from '~/modules/budgets/close.server';
import { loadProcess } from '~/modules/budgets/guards.server';
import { amountText } from '~/modules/budgets/money';
import { processResults } from '~/modules/budgets/queries.server';
import { getLocale, getT } from '~/modules/identity/locale.server';

/**
 * /budgets/<slug>/results.csv: a counted process's projects as the results page lists them (votes,
 * cost as a plain decimal, funded and in which order, neighborhood), headers in the reader's
 * language. Before the count there are no results: 409.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const process = await loadProcess(params.slug);
  if (!(await ensureCounted(process))) throw refuse(fail.conflict('budgets:pabulib.notCounted'));
  const [results, t, lng] = await Promise.all([processResults(process.id), getT(request, 'budgets'), getLocale(request)]);
  const columns = ['project', 'votes', 'cost', 'funded', 'rank', 'neighborhood'] as const;
  return csvDownload(
    `${process.slug}-results.csv`,
    columns.map((key) => ({ key, header: t(`results.columns.${key}`) })),
    results.projects.map((p) => ({
      project: p.title,
      votes: p.votes,
      cost: amountText(BigInt(p.cost), process.currency),
      funded: t(p.fundedRank !== null ? 'results.fundedYes' : 'results.fundedNo'),
      rank: p.fundedRank ?? '',
      neighborhood: p.neighborhood ? localized(p.neighborhood, lng).text : '',
    })),
  );
}
