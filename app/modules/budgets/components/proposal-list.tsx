import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { formatNumber } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { formatMoney } from '../money';

export type ProposalItem = {
  id: string;
  title: string;
  cost: string;
  supportCount: number;
  feasibility: string;
  neighborhood: LocalizedText | null;
  category: LocalizedText | null;
  /** Its first photo, shown small (the title beside it says what it is: no alt text of its own). */
  photo?: { id: string; width: number | null; height: number | null } | null;
};

const THUMB_WIDTH = 96;

/** A process's proposals as cards: title, its first photo, cost, where and what, supports and review. */
export function ProposalList({ slug, currency, proposals }: { slug: string; currency: string; proposals: ProposalItem[] }) {
  const { t, i18n } = useTranslation('budgets');
  const lng = i18n.language;
  if (!proposals.length) return <p>{t('proposals.none')}</p>;
  return (
    <ul className="cards">
      {proposals.map((p) => (
        <li key={p.id} className="card">
          <h3>
            <Link to={`/budgets/${slug}/proposals/${p.id}`}>{p.title}</Link>
          </h3>
          {p.photo ? (
            <img
              src={`/budgets/${slug}/proposals/${p.id}/photos/${p.photo.id}`}
              alt=""
              width={THUMB_WIDTH}
              height={p.photo.width && p.photo.height ? Math.round((THUMB_WIDTH * p.photo.height) / p.photo.width) : undefined}
              loading="lazy"
            />
          ) : null}
          <p>
            {formatMoney(p.cost, currency, lng)}
            {p.neighborhood ? ` · ${localized(p.neighborhood, lng).text}` : null}
            {p.category ? ` · ${localized(p.category, lng).text}` : null}
          </p>
          <p>
            {t('proposal.supports', { count: p.supportCount, formatted: formatNumber(p.supportCount, lng) })}{' '}
            <StatusBadge status={`feasibility-${p.feasibility}`} label={t(`feasibility.${p.feasibility}`)} />
          </p>
        </li>
      ))}
    </ul>
  );
}
