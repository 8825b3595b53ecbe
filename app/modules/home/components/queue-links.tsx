import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { formatNumber } from '~/lib/format';
import type { QueueCounts } from '../personal.server';
import { LinkList } from './home-section';

/** Staff's queues on the home page: each count links to its queue, shown only to those who work it. */
export function QueueLinks({ counts }: { counts: QueueCounts }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => formatNumber(n, i18n.language);
  const links = [
    counts.requests
      ? {
          key: 'open',
          to: '/staff/requests',
          label: t('home.queue.open', { count: counts.requests.open, formatted: number(counts.requests.open) }),
        }
      : null,
    counts.requests
      ? {
          key: 'overdue',
          to: '/staff/requests?overdue=1',
          label: t('home.queue.overdue', { count: counts.requests.overdue, formatted: number(counts.requests.overdue) }),
        }
      : null,
    counts.moderation !== null
      ? {
          key: 'moderation',
          to: '/moderation',
          label: t('home.queue.moderation', { count: counts.moderation, formatted: number(counts.moderation) }),
        }
      : null,
  ].filter((l) => l !== null);
  if (!links.length) return null;
  return (
    <Card title={t('home.queue.title')}>
      <LinkList items={links} />
    </Card>
  );
}
