import { Link } from '~/components/link';
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { EmptyState } from '~/components/ui/empty-state';
import { RelativeTime } from '~/components/ui/relative-time';
import { useTranslation } from 'react-i18next';

/** One section of the home page: its list, or an empty state when it has nothing, and where to see more. */
export function HomeSection({
  title,
  empty,
  more,
  children,
}: {
  title: string;
  empty: { title: string; icon: LucideIcon } | null;
  more?: { to: string; label: string };
  children?: ReactNode;
}) {
  return (
    <Card title={title}>
      {empty ? <EmptyState icon={empty.icon} title={empty.title} /> : children}
      {more ? (
        <p>
          <Link to={more.to}>{more.label}</Link>
        </p>
      ) : null}
    </Card>
  );
}

/** Requests as the home page lists them: code and type, status, and a time (filed or last changed). */
export function RequestRows({
  requests,
  timeLabel,
}: {
  requests: { code: string; type: string; status: string; at: string; neighborhood?: string | null }[];
  timeLabel?: string;
}) {
  const { t } = useTranslation('requests');
  return (
    <ul className="thread-list">
      {requests.map(({ code, type, status, at, neighborhood }) => (
        <li key={code} className="thread-item">
          <h3 className="thread-title">
            <Link to={`/requests/${code}`}>{t('public.item', { code, type })}</Link>
          </h3>
          <p className="thread-meta">
            <StatusBadge status={status} label={t(`status.${status}`)} />
            {neighborhood ? <span>{neighborhood}</span> : null}
            <span>
              {timeLabel ? `${timeLabel} ` : null}
              <RelativeTime value={at} />
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}

export type LinkItem = { key: string; to: string; label: string; lang?: string; note?: string | null };

/** A plain list of links, each with an optional note after it (a date, a group). */
export function LinkList({ items }: { items: LinkItem[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.key}>
          <Link to={item.to} lang={item.lang}>
            {item.label}
          </Link>
          {item.note ? <span className="muted"> · {item.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}
