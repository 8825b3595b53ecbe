import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';

/** A thread's state as badges: pinned, locked, hidden (for those who may see hidden threads). */
export function ThreadBadges({ thread }: { thread: { pinned: boolean; locked: boolean; hiddenAt: string | null } }) {
  const { t } = useTranslation('channels');
  return (
    <>
      {thread.pinned ? <Badge>{t('thread.pinned')}</Badge> : null}
      {thread.locked ? <Badge>{t('thread.locked')}</Badge> : null}
      {thread.hiddenAt ? <Badge>{t('thread.hidden')}</Badge> : null}
    </>
  );
}
