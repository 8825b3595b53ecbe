import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { formatMoney } from '~/modules/budgets/money';
import { listProcesses } from '~/modules/budgets/queries.server';
import { EmptyState } from '~/components/ui/empty-state';
import Landmark from 'lucide-react/icons/landmark';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:list.title');

/** Every participatory budget of the city, open to anyone: what each is for, its phase and its budget. */
export async function loader(_: LoaderFunctionArgs) {
  return json({ processes: await listProcesses() });
}

export default function Budgets() {
  const { t, i18n } = useTranslation('budgets');
  const { processes } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <p>
        <Link to="/budgets/facts">{t('list.facts')}</Link>
      </p>
      {processes.length ? (
        <ul className="cards">
          {processes.map((p) => {
            const title = localized(p.title, lng);
            return (
              <li key={p.id} className="card">
                <h2>
                  <Link to={`/budgets/${p.slug}`} lang={title.lang}>
                    {title.text}
                  </Link>
                </h2>
                <p>
                  <StatusBadge status={`phase-${p.phase}`} label={t(`phases.${p.phase}`)} /> {formatMoney(p.total, p.currency, lng)}
                </p>
                <p>{t('list.proposals', { count: p.proposalCount })}</p>
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState icon={Landmark} title={t('list.none')} />
      )}
    </div>
  );
}
