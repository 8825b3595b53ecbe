import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { DataTable } from '~/components/ui/data-table';
import { formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { formatMoney } from '~/modules/budgets/money';
import { listProcesses } from '~/modules/budgets/queries.server';
import { requirePermission } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:staff.title');

/** Staff's participatory budgets: every process with its phase, proposals and voters, and the way to a new one. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  return json({ processes: await listProcesses() }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function StaffBudgets() {
  const { t, i18n } = useTranslation('budgets');
  const { processes } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>
      <p>
        <Link className="button" to="/staff/budgets/new">
          {t('staff.new')}
        </Link>
      </p>
      <nav aria-label={t('staff.more')}>
        <ul className="section-list">
          <li>
            <Link to="/staff/budgets/residents">{t('staff.residents')}</Link>
          </li>
          <li>
            <Link to="/staff/budgets/census">{t('staff.census')}</Link>
          </li>
          <li>
            <Link to="/staff/budgets/facts">{t('staff.facts')}</Link>
          </li>
          <li>
            <Link to="/staff/budgets/import">{t('pabulib.title')}</Link>
          </li>
        </ul>
      </nav>
      <DataTable
        caption={t('staff.caption')}
        captionHidden
        rows={processes}
        rowKey={(p) => p.id}
        empty={t('list.none')}
        columns={[
          {
            key: 'title',
            header: t('staff.process'),
            rowHeader: true,
            cell: (p) => <Link to={`/staff/budgets/${p.slug}`}>{localized(p.title, lng).text}</Link>,
          },
          {
            key: 'phase',
            header: t('process.phase'),
            cell: (p) => <StatusBadge status={`phase-${p.phase}`} label={t(`phases.${p.phase}`)} />,
          },
          { key: 'total', header: t('process.total'), cell: (p) => formatMoney(p.total, p.currency, lng) },
          { key: 'proposals', header: t('staff.proposals'), cell: (p) => formatNumber(p.proposalCount, lng) },
          { key: 'voters', header: t('staff.voters'), cell: (p) => formatNumber(p.voterCount, lng) },
        ]}
      />
    </div>
  );
}
