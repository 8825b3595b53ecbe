import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';

/**
 * A thread's state as badges: pinned, locked, hidden (for those who may see hidden threads), and
 * an opening post hidden by moderation (the thread itself stays listed and readable).
 */
export function ThreadBadges({
  thread,
}: {
  thread: { pinned: boolean; locked: boolean; hiddenAt: string | null; openingHidden?: boolean };
}) {
  const { t } = useTranslation('channels');
  return (
    <>
      {thread.pinned ? <Badge>{t('thread.pinned')}</Badge> : null}
      {thread.locked ? <Badge>{t('thread.locked')}</Badge> : null}
      {thread.hiddenAt ? <Badge>{t('thread.hidden')}</Badge> : null}
      {thread.openingHidden ? <Badge>{t('thread.openingHidden')}</Badge> : null}
    </>
  );
}
