import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';

/** When a request is due (`label`, already formatted), marked "overdue" once past it. */
export function DueDate({ dueAt, label, overdue }: { dueAt: string; label: string; overdue: boolean }) {
  const { t } = useTranslation('requests');
  return (
    <>
      <time dateTime={dueAt}>{label}</time>
      {overdue ? (
        <>
          {' '}
          <Badge tone="overdue" strong>
            {t('queue.overdue')}
          </Badge>
        </>
      ) : null}
    </>
  );
}
