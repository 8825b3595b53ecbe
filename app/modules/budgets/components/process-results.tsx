import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { ShareBar } from '~/components/ui/share-bar';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { formatNumber } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { formatMoney } from '../money';

type Results = {
  projects: { id: string; title: string; cost: string; votes: number; fundedRank: number | null; neighborhood: LocalizedText | null }[];
  ballots: number;
  turnout: { neighborhood: LocalizedText | null; source: string; ballots: number }[];
  spent: string;
};

/** A counted vote: how many ballots, what the funded projects cost together, and every project with its votes. */
export function ProcessResults({ results, currency, slug }: { results: Results; currency: string; slug: string }) {
  const { t, i18n } = useTranslation('budgets');
  const lng = i18n.language;
  return (
    <Card title={t('results.title')} id="results" boxed>
      <p>
        {t('results.summary', {
          ballots: formatNumber(results.ballots, lng),
          count: results.ballots,
          funded: formatNumber(results.projects.filter((p) => p.fundedRank !== null).length, lng),
          spent: formatMoney(results.spent, currency, lng),
        })}
      </p>
      <ul className="section-list">
        <li>
          <a href={`/budgets/${slug}/results.csv`} download>
            {t('results.csv')}
          </a>
        </li>
        <li>
          <a href={`/budgets/${slug}.pb`} download>
            {t('pabulib.download')}
          </a>
        </li>
      </ul>
      <DataTable
        caption={t('results.caption')}
        captionHidden
        rows={results.projects}
        rowKey={(p) => p.id}
        empty={t('results.none')}
        columns={[
          {
            key: 'title',
            header: t('results.project'),
            rowHeader: true,
            cell: (p) => <Link to={`/budgets/${slug}/proposals/${p.id}`}>{p.title}</Link>,
          },
          {
            key: 'votes',
            header: t('results.votes'),
            cell: (p) => <ShareBar share={results.ballots ? p.votes / results.ballots : 0}>{formatNumber(p.votes, lng)}</ShareBar>,
          },
          { key: 'cost', header: t('proposal.cost'), cell: (p) => formatMoney(p.cost, currency, lng) },
          {
            key: 'funded',
            header: t('results.funded'),
            cell: (p) =>
              p.fundedRank !== null ? (
                <StatusBadge status="funded" label={t('results.fundedYes')} strong />
              ) : (
                <span>{t('results.fundedNo')}</span>
              ),
          },
          {
            key: 'neighborhood',
            header: t('proposal.neighborhood'),
            cell: (p) => (p.neighborhood ? localized(p.neighborhood, lng).text : '—'),
          },
        ]}
      />
      <h3 id="turnout">{t('results.turnout')}</h3>
      <DataTable
        labelledBy="turnout"
        rows={results.turnout}
        rowKey={(r) => `${r.neighborhood?.en ?? ''}|${r.source}`}
        empty={t('results.none')}
        columns={[
          {
            key: 'neighborhood',
            header: t('proposal.neighborhood'),
            rowHeader: true,
            cell: (r) => (r.neighborhood ? localized(r.neighborhood, lng).text : t('results.noNeighborhood')),
          },
          { key: 'source', header: t('results.source'), cell: (r) => t(`results.sources.${r.source}`) },
          { key: 'ballots', header: t('results.ballots'), cell: (r) => formatNumber(r.ballots, lng) },
        ]}
      />
    </Card>
  );
}
